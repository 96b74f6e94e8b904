import type { Database } from 'better-sqlite3';
import { allDetections, type DetectionRow } from './detections';
import { SERIAL_SIGHTINGS_TABLE } from './serial-sightings.projection';
import { REGISTER_SEQUENCE_TABLE } from './register-sequence.projection';
import { ISSUANCE_AUDIT_TABLE } from './issuance-audit.projection';
import { COPY_AUDIT_TABLE } from './copy-audit.projection';
import { SCHEDULED_AUDIT_TABLE } from './scheduled-audits';

/** Every table a detection writes to; the findings sweeper reads them all. */
export const DETECTION_TABLES = [
  SERIAL_SIGHTINGS_TABLE,
  REGISTER_SEQUENCE_TABLE,
  ISSUANCE_AUDIT_TABLE,
  COPY_AUDIT_TABLE,
  SCHEDULED_AUDIT_TABLE,
] as const;

/** All detections in the read models (tables not created yet count as empty). */
export function everyDetection(db: Database): DetectionRow[] {
  const present = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  return DETECTION_TABLES.filter((t) => present.has(t)).flatMap((t) => allDetections(db, t));
}
