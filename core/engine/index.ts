// Public entry of the segmentation engine (platform-free: no Node or Electron import).
export { segmentPage, deriveItems } from './segment.ts';
export type { SegmentOptions } from './segment.ts';
export { normalizeNewlines } from './lines.ts';
export { zhDailyRules } from './rules/zh-daily.ts';
export type { RulePack } from './rules/rule-pack.ts';
