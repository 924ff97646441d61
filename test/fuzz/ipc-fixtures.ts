// Re-exports of the IPC contract for the fuzz tests.
export { CHANNELS, channels, type Channel } from '../../shared/ipc.ts';
export { ITEM_KINDS as ITEM_KINDS_FOR_TESTS } from '../../shared/segmentation.ts';
