import { describe, expect, it } from 'vitest';
import { Db } from '../../electron/archive/db.ts';

describe('Db (the single connection)', () => {
  it('prepares a statement once per name and logs queries slower than 50 ms by name', () => {
    const warnings: string[] = [];
    const db = new Db(':memory:', { warn: (m) => warnings.push(m) });
    const fast = db.stmt('probe.fast', 'SELECT 1 AS one');
    expect(db.stmt('probe.fast', 'SELECT 1 AS one')).toBe(fast);
    expect(fast.get<{ one: number }>()).toEqual({ one: 1 });
    const slow = db.stmt(
      'probe.slow',
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c',
    );
    expect(slow.get<{ n: number }>()).toEqual({ n: 3000000 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[archive\] slow query probe\.slow: \d+\.\d ms$/);
    expect(db.slowQueries.map((q) => q.name)).toEqual(['probe.slow']);
    expect(db.timings.get('probe.fast')?.calls).toBe(1);
    db.close();
  });

  it('runs a transaction all or nothing', () => {
    const db = new Db(':memory:', { warn: () => {} });
    db.raw.exec('CREATE TABLE t (x INTEGER NOT NULL)');
    const ins = db.stmt('t.insert', 'INSERT INTO t(x) VALUES (?)');
    expect(() =>
      db.tx(() => {
        ins.run(1);
        ins.run(null);
      }),
    ).toThrow(/NOT NULL/);
    expect(db.stmt('t.count', 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.tx(() => ins.run(2));
    expect(db.stmt('t.count', 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });
});
