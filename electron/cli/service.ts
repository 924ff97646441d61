// The command line's way into the archive for everything a host also does (tag, approve, reopen,
// state, search, export, profiles): the same handler table, dispatched the same way, so roles and
// issue states are checked in one place. `--as NAME` selects the acting profile through the
// session service, as session.selectProfile does in a host, for this run only; a refusal is the
// host's AppError, printed as its one English line.
import { userInfo } from 'node:os';
import type { Channel, Req, Res } from '../../shared/ipc.ts';
import { AppError } from '../../shared/app-error.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import { createHandlers, dispatch, type HandlerTable } from '../host/handlers.ts';
import { engineAdapter, importerAdapter } from '../host/load-backend.ts';
import { UsageError, type CliIO } from './cli-io.ts';
import { version } from './version.ts';
import { openExistingArchive, profileAs } from './review-cli.ts';
import { createAccountGuard } from '../accounts/guard.ts';
import { ownPassword, processPasswordInput, type PasswordInput } from './password-input.ts';

export interface CliService {
  archive: AsyncArchive;
  /** Runs one channel of the handler table; a refusal is thrown as the AppError the host would send. */
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>>;
  close(): Promise<void>;
}

function osUser(): string {
  try {
    return userInfo().username || 'galley';
  } catch {
    return 'galley';
  }
}

export interface OpenOptions {
  /** The archive file (--archive), else the default. */
  archive?: string | undefined;
  /** --as NAME: required for writes once the archive has profiles (the message lists who exists). */
  as?: string | undefined;
  /** Whether --as must name a profile (writes, the default); reads and the first profile need none. */
  needsProfile?: boolean | ((archive: AsyncArchive) => Promise<boolean>);
  /** Where a password comes from (tests); default GALLEY_PASSWORD, else a prompt on a terminal. */
  passwords?: PasswordInput;
}

export async function openService(io: CliIO, options: OpenOptions): Promise<CliService> {
  const archive = await openExistingArchive(options.archive, io);
  try {
    // Resolving the name here gives the command line's own message for a missing or unknown one.
    const needs = typeof options.needsProfile === 'function' ? await options.needsProfile(archive) : options.needsProfile !== false;
    // --as NAME (--user NAME), else GALLEY_USER for a write.
    const as = options.as ?? (needs && process.env.GALLEY_USER ? process.env.GALLEY_USER : undefined);
    const profile = !needs && as === undefined ? null : await profileAs(archive, as);
    // Accounts: a profile with a password acts only with it (GALLEY_PASSWORD or a prompt). Checked
    // here for the command line's own message; the session checks it again (session.ts).
    let password: string | undefined;
    if (profile) {
      const credentials = await archive.profileCredentials(profile.id);
      if (credentials?.disabled) throw new UsageError(`${profile.name} is disabled`);
      if (credentials?.hash) {
        password = await ownPassword(options.passwords ?? processPasswordInput(), profile.name);
        await createAccountGuard(archive).confirm(profile, password);
      }
    }
    const actor = { name: osUser() };
    const table: HandlerTable = createHandlers({
      archive,
      engine: engineAdapter,
      importer: importerAdapter(actor),
      host: 'cli',
      version: version(),
      actor,
      emit: () => undefined,
      ...(profile ? { profileName: profile.name } : {}),
      ...(password !== undefined ? { password } : {}),
      // The person at the terminal names the export folder (--out) themselves.
      anyExportFolder: true,
    });
    return {
      archive,
      async call(channel, request) {
        const result = await dispatch(table, channel, request);
        if (!result.ok) throw new AppError(result.code, result.reason, result.message, result.details);
        return result.value as Res<typeof channel>;
      },
      close: () => archive.close(),
    };
  } catch (e) {
    await archive.close();
    throw e;
  }
}
