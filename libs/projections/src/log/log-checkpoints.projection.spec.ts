import Database from 'better-sqlite3';
import type { RecordedEvent } from '@so-goc/event-store';
import { hashTables } from '../table-hash';
import { logCheckpointsProjection, publishedLogCheckpoints } from './log-checkpoints.projection';

const signed = (position: number, commit: bigint): RecordedEvent => ({
  id: `cp-${position}`,
  stream: 'log-checkpoints',
  type: 'LogCheckpointSigned',
  revision: 0n,
  position: { commit, prepare: commit },
  recordedAt: new Date('2026-12-04T00:00:00Z'),
  metadata: {},
  data: {
    position: String(position),
    hash: 'ab'.repeat(32),
    signedAt: '2026-12-04T00:00:00.000Z',
    hashedAtMigrationUpTo: '0',
    keyId: 'kid-1',
    signature: 'A'.repeat(86),
    statementVi: 'Xác nhận …',
    statementEn: 'Vouches …',
  },
});

describe('log-checkpoints projection (issue 16: the portal publishes the signed checkpoints)', () => {
  it('lists every checkpoint newest first, as signed; a batch applied twice changes nothing', () => {
    const db = new Database(':memory:');
    logCheckpointsProjection.createTables(db);
    const batch = [signed(120, 121n), signed(300, 301n)];
    for (const event of batch) logCheckpointsProjection.apply(db, event);
    const once = hashTables(db, logCheckpointsProjection.tables);
    for (const event of batch) logCheckpointsProjection.apply(db, event);
    expect(hashTables(db, logCheckpointsProjection.tables)).toBe(once);
    expect(publishedLogCheckpoints(db).map((c) => [c.position, c.keyId, c.signature.length])).toEqual([
      ['300', 'kid-1', 86],
      ['120', 'kid-1', 86],
    ]);
    expect(publishedLogCheckpoints(db)[0]).toEqual({ ...(batch[1]!.data as object) });
    db.close();
  });
});
