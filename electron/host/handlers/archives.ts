// archives.*: "Open archive…" (issue 13 §6). Who may: a supervisor, with the password asked again
// when the profile has one (RECONFIRM), because switching moves everyone working in this host; on a
// local archive without any profile, its one user (nobody else can be asked). The target is one the
// host listed (by id), a file the desktop app's own dialog picked, or a PostgreSQL URL — never a path
// the client names.
import { AppError } from '../../../shared/app-error.ts';
import { archiveKind } from '../../archive/open-any.ts';
import { checkPostgresUrl } from '../../archive/postgres/pg-archive.ts';
import { describeKnown } from '../known-archives.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

export function archiveHandlers(ctx: ServiceContext): HandlerGroup<'archives.known' | 'archives.open'> {
  const hook = ctx.archives;
  const maySwitch = async (password: string | undefined) => {
    if (archiveKind(ctx.archive.path) === 'sqlite' && (await ctx.session.bootstrap())) return;
    await ctx.session.may('archive.switch', password);
  };
  return {
    'archives.known': () => {
      // A host that cannot switch (a team server on the network) shows no list: its users have no
      // business with the paths of the server machine.
      if (!hook || !hook.canSwitch) return { entries: [], canSwitch: false, canBrowse: false };
      const now = hook.current().id;
      return {
        entries: hook.known().map((k) => ({ id: k.id, kind: k.kind, label: k.label, current: k.id === now })),
        canSwitch: hook.canSwitch,
        canBrowse: hook.browse !== undefined,
      };
    },
    'archives.open': async ({ target, password }) => {
      if (!hook) throw new AppError('unavailable', 'switch-unavailable', 'this host cannot open another archive');
      if (!hook.canSwitch) throw new AppError('forbidden', 'switch-team-server', 'a team server serves the one archive it was started with');
      await maySwitch(password);
      let chosen: string;
      if ('known' in target) {
        const k = hook.known().find((a) => a.id === target.known);
        if (!k) throw new AppError('not-found', 'switch-unknown', 'that archive is not on this host’s list');
        chosen = k.target;
      } else if ('browse' in target) {
        if (!hook.browse) throw new AppError('unavailable', 'switch-unavailable', 'this host has no file dialog');
        const picked = await hook.browse();
        if (picked === null) return { opened: false as const };
        chosen = picked;
      } else {
        try {
          checkPostgresUrl(target.postgres);
        } catch (e) {
          throw new AppError('bad-request', 'invalid-input', e instanceof Error ? e.message : 'not a PostgreSQL URL', { detail: e instanceof Error ? e.message : '' });
        }
        chosen = target.postgres;
      }
      const opened = await hook.open(chosen);
      const shown = describeKnown(opened.target);
      return { opened: true as const, kind: shown.kind, label: shown.label };
    },
  };
}
