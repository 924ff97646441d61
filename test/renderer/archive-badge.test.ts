// The top bar says which archive the window works on (issue 13 §6): app.info tells local from team,
// and the badge shortens the path or URL (the password never shown: the host masks it).
import { describe, expect, it } from 'vitest';
import { archiveShortName } from '../../renderer/components/ArchiveBadge.tsx';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { memoryArchive } from '../host/memory-archive.ts';
import { fakeDerive } from './fake-engine.ts';

describe('archive badge', () => {
  it('names a local archive by its file and a team archive by host and database', () => {
    expect(archiveShortName('local', '/home/ed/.local/share/Galley/archive.sqlite')).toBe('archive.sqlite');
    expect(archiveShortName('local', 'C:\\Users\\ed\\AppData\\Roaming\\Galley\\archive.sqlite')).toBe('archive.sqlite');
    expect(archiveShortName('team', 'postgresql://editor:***@db.example.org:5432/galley')).toBe('db.example.org:5432/galley');
    expect(archiveShortName('team', 'postgresql://galley@/newsroom?host=%2Ftmp%2Fpg')).toBe('newsroom');
    expect(archiveShortName('team', 'postgres://db/galley')).toBe('db/galley');
  });

  it('app.info says whether the host works on a local file or a team archive', async () => {
    const call = async (path: string) => {
      const archive = inProcess(memoryArchive());
      const table = createHandlers({
        archive: { ...archive, path },
        engine: { deriveItems: fakeDerive },
        importer: { importPaths: async () => ({ outcomes: [], cancelled: false }), importUploads: async () => ({ outcomes: [], cancelled: false }) },
        host: 'browser',
        version: 't',
        actor: { name: 't' },
        emit: () => {},
      });
      const r = await dispatch(table, 'app.info', {});
      if (!r.ok) throw new Error(r.message);
      return r.value as { archiveKind: string; archivePath: string };
    };
    expect(await call('/tmp/a.sqlite')).toMatchObject({ archiveKind: 'local', archivePath: '/tmp/a.sqlite' });
    expect(await call('postgresql://ed:***@server/galley')).toMatchObject({ archiveKind: 'team' });
  });
});
