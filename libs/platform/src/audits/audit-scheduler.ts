import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { CommandBus } from '@nestjs/cqrs';
import { ScheduledAudits, type LookupLogSource } from '@so-goc/projections';
import type { SoGocConfig } from '../config';
import { AuditSweep } from './audit-sweep';

/**
 * One round of the audits that are not folds of events, then the sweep that turns every new or changed
 * detection into a finding. The projector runs a round every `intervalSeconds`; `cli audit-report` runs one.
 */
export async function runAuditRound(readModels: Database, commandBus: CommandBus, config: SoGocConfig, now: Date = new Date()) {
  const scheduled = new ScheduledAudits(readModels, {
    spoiledDestroyWithinDays: config.audits.spoiledDestroyWithinDays,
    unknownSerialBurst: config.audits.unknownSerialBurst,
  });
  const checked = scheduled.run(now, lookupLogSource(config.audits.lookupLogFile));
  const findingsRecorded = await new AuditSweep(readModels, commandBus).sweep(now);
  return { ...checked, findingsRecorded };
}

/** The portal's log and its key, when this machine has them (a separate portal host keeps its own). */
function lookupLogSource(file: string): LookupLogSource | undefined {
  const keyFile = `${file}.key`;
  if (!existsSync(file) || !existsSync(keyFile)) return undefined;
  return { file, hashKey: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64url') };
}
