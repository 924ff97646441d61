// One fake of the renderer's API for the store tests: each test supplies only the channels it needs, and a channel
// it did not supply fails loudly, so a store that starts calling something new is noticed.
import type { Channel, GalleyApi, Req, Res } from '../../shared/ipc.ts';

export type FakeHandlers = { [C in Channel]?: (request: Req<C>) => Res<C> | Promise<Res<C>> };

export function fakeApi(handlers: FakeHandlers): GalleyApi {
  return {
    host: 'browser',
    async invoke(channel, request) {
      const handler = handlers[channel] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no fake for ${channel}`);
      // A real transport never answers in the same tick; the store must not rely on that.
      await Promise.resolve();
      return (await handler(request)) as never;
    },
    on: () => () => undefined,
    importDropped: async () => ({ outcomes: [], cancelled: false }),
  };
}
