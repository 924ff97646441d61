// app.*: what the host is, and the UI language (the Electron menu follows it).
import { archiveKind } from '../../archive/open-any.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

export function appHandlers(ctx: ServiceContext): HandlerGroup<'app.info' | 'app.setLanguage'> {
  return {
    'app.info': () => ({
      host: ctx.host === 'electron' ? 'electron' : 'browser',
      archivePath: ctx.archive.path,
      archiveKind: archiveKind(ctx.archive.path) === 'postgres' ? ('team' as const) : ('local' as const),
      version: ctx.version,
      readOnly: ctx.archive.readOnly === true,
    }),
    'app.setLanguage': ({ language }) => {
      ctx.setLanguage?.(language);
      return { ok: true as const };
    },
  };
}
