// The preload: exposes only the typed API of shared/ipc.ts on window.galley. Channel and event
// names are checked here; every payload is validated with zod again in the main process.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, EVENT_NAMES, type PreloadBridge } from '../../shared/ipc.ts';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

const bridge: PreloadBridge = {
  invoke(channel, request) {
    if (!channels.has(channel)) return Promise.reject(new Error(`unknown channel ${channel}`));
    return ipcRenderer.invoke('galley:invoke', channel, request);
  },
  on(event, listener) {
    if (!eventNames.has(event)) throw new Error(`unknown event ${event}`);
    const handler = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('galley:event', handler);
    return () => ipcRenderer.removeListener('galley:event', handler);
  },
  // The paths go to the main process, never to the page: it answers with opaque handles. A File
  // the page made itself has no path and is left out.
  async dropFiles(files) {
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p.length > 0);
    if (paths.length === 0) return [];
    return (await ipcRenderer.invoke('galley:drop', paths)) as string[];
  },
};

contextBridge.exposeInMainWorld('galley', bridge);
