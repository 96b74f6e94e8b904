import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CommandBus } from '@nestjs/cqrs';
import type { Actor, CommandContext } from '@so-goc/domain';
import { DETECTION_TABLES, detectionsChangedAfter } from '@so-goc/projections';
import { RecordFindingSighting } from './finding-commands';

/** The audits act on their own account: no officer raised the finding. */
const AUDIT_ACTOR: Actor = { officerId: 'audit', role: 'system', authorityCode: 'system' };

/**
 * Turns detections into findings: every detection row changed since the last sweep becomes a
 * RecordFindingSighting through the CommandBus. The command id derives from the key and the count, so a
 * sweep repeated after a crash appends nothing twice, and the checkpoint moves only after the command.
 */
export class AuditSweep {
  constructor(
    private readonly readModels: Database,
    private readonly commandBus: CommandBus,
  ) {
    readModels.exec('CREATE TABLE IF NOT EXISTS audit_sweep_checkpoints (detection_table TEXT PRIMARY KEY, change_seq INTEGER NOT NULL)');
  }

  async sweep(now: Date): Promise<number> {
    const present = new Set(this.readModels.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    let sent = 0;
    for (const table of DETECTION_TABLES.filter((t) => present.has(t))) {
      for (;;) {
        const after =
          this.readModels
            .prepare<[string], number>('SELECT change_seq FROM audit_sweep_checkpoints WHERE detection_table = ?')
            .pluck()
            .get(table) ?? 0;
        const rows = detectionsChangedAfter(this.readModels, table, after, 500);
        if (rows.length === 0) break;
        for (const row of rows) {
          const commandId = `audit:${row.key}:${row.occurrences}`;
          const context: CommandContext = {
            commandId: uuidLike(commandId),
            correlationId: randomUUID(),
            causationId: uuidLike(commandId),
            actor: AUDIT_ACTOR,
            occurredAt: now.toISOString(),
          };
          const { key, changeSeq: _seq, seenAt: _seen, ...sighting } = row;
          await this.commandBus.execute(new RecordFindingSighting(key, sighting, context));
          this.readModels
            .prepare('INSERT INTO audit_sweep_checkpoints VALUES (?, ?) ON CONFLICT DO UPDATE SET change_seq = excluded.change_seq')
            .run(table, row.changeSeq);
          sent += 1;
        }
      }
    }
    return sent;
  }
}

/** Event ids derive from the command id; a stable id per (key, count) makes a resend a no-op. */
function uuidLike(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
