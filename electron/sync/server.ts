// The server side of checkout and sync: an archive reached through the service layer (the CLI's
// openService: the handler table, with the actor authenticated by --user and its password), so
// every write on the server is checked for role and issue state exactly as in a host.
import type { Channel, Req, Res } from '../../shared/ipc.ts';
import { resolve } from 'node:path';
import type { Profile } from '../../shared/roles.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import type { Actor, Archive } from '../archive/archive-api.ts';
import { SyncError } from './local-copy.ts';

export interface SyncServer {
  /** Reads, and the conflict copy (a setting); every other write goes through `call`. */
  archive: AsyncArchive;
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>>;
}

/** The profile the server authenticated for this run (never a name taken from the replica). */
export async function actingProfile(server: SyncServer): Promise<Profile> {
  const session = await server.call('session.current', {});
  if (!session.profile) throw new SyncError('say who is working with --user NAME (or GALLEY_USER); the server records every change under that account');
  return session.profile;
}

/** Local writes are made as the same person: the replica's profile of that name, else the name alone. */
export function localActor(local: Archive, who: Profile): Actor {
  const p = local.findProfile(who.name);
  return p ? { name: p.name, profileId: p.id, role: p.role } : { name: who.name };
}

/** A source as the replica records it: a URL without its password (user names stay). */
export function maskSource(source: string): string {
  if (!/^postgres(ql)?:\/\//i.test(source)) return source;
  return source.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/** How a replica names its source: a URL masked, a SQLite file by its absolute path (sync may run elsewhere). */
export const sourceName = (target: string): string => (/^postgres(ql)?:\/\//i.test(target) ? maskSource(target) : resolve(target));
