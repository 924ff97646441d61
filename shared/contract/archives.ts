// Contract of opening another archive in the running host (issue 13 §6, "Open archive…").
//   archives.known  {} → which archive is open, the archives this host offers (ids, never paths to
//                   choose freely: the renderer never names a path, issue 16), and what the host can do.
//   archives.open   {target, password?} → the archive now open. target: one the host listed
//                   ({known: id}), a file the desktop app's own dialog picks ({browse: true}), or a
//                   PostgreSQL URL. Supervisors only (or the one user of a local archive without
//                   profiles), with the password again; every window of the host then reloads
//                   (event archive.switched) and, on an archive with accounts, logs in again.
// A team server (http(s)://…) is not opened by the host: the window goes to that server's address.
import { z } from 'zod';

export const archiveEntrySchema = z.object({
  /** Opaque id of the host's list (a hash of the target). */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  kind: z.enum(['local', 'team']),
  /** The file's path, or the URL with its password masked: shown, never sent back. */
  label: z.string(),
  current: z.boolean(),
});
export type ArchiveEntry = z.infer<typeof archiveEntrySchema>;

export const MAX_POSTGRES_URL_CHARS = 2048;

export const openTargetSchema = z.union([
  z.object({ known: z.string().regex(/^[0-9a-f]{16}$/, 'unknown archive id') }).strict(),
  z.object({ browse: z.literal(true) }).strict(),
  z
    .object({
      postgres: z
        .string()
        .trim()
        .max(MAX_POSTGRES_URL_CHARS, `address longer than ${MAX_POSTGRES_URL_CHARS} characters`)
        .regex(/^postgres(ql)?:\/\//i, 'not a postgresql:// address'),
    })
    .strict(),
]);
export type OpenTarget = z.infer<typeof openTargetSchema>;

export const archiveChannels = {
  'archives.known': {
    request: z.object({}).strict(),
    response: z.object({
      entries: z.array(archiveEntrySchema),
      /** The host can switch at all (a network team server cannot: it serves one archive). */
      canSwitch: z.boolean(),
      /** The desktop app: a file can be picked with the system's own dialog. */
      canBrowse: z.boolean(),
    }),
  },
  'archives.open': {
    request: z.object({ target: openTargetSchema, password: z.string().max(256).optional() }).strict(),
    response: z.union([
      z.object({ opened: z.literal(true), kind: z.enum(['local', 'team']), label: z.string() }),
      /** The desktop dialog was cancelled. */
      z.object({ opened: z.literal(false) }),
    ]),
  },
} as const;
