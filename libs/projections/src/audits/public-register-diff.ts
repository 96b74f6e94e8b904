import type { Database } from 'better-sqlite3';

export interface PublicRegisterDifference {
  readonly diplomaId: string;
  readonly authorityCode: string;
  readonly serial: string;
  /** missing: in the register, not public; extra: public with no register entry; otherwise the field that differs. */
  readonly difference:
    'missing' | 'extra' | 'serial' | 'register_number' | 'status' | 'exempt_listed' | 'issuer' | 'holder' | 'revocation_unpublished';
  readonly register: string | null;
  readonly published: string | null;
}

interface Joined {
  diploma_id: string;
  r_authority: string | null;
  r_serial: string | null;
  r_register: string | null;
  r_state: string | null;
  r_exempt: number | null;
  r_name: string | null;
  r_birth: string | null;
  p_authority: string | null;
  p_serial: string | null;
  p_register: string | null;
  p_status: string | null;
  p_exempt: number | null;
  p_name: string | null;
  p_birth: string | null;
}

/** What the public status must be for each state of a register entry (§5.2: the lookup equals the sổ gốc). */
const PUBLIC_STATUS: Record<string, readonly string[]> = {
  issued: ['valid', 'corrected'],
  delivered: ['valid', 'corrected'],
  revoked: ['revoked'],
  superseded: ['replaced'],
  lost_before_delivery: ['lost'],
};

/**
 * F13, rule 59: the public lookup compared with the sổ gốc, diploma by diploma, every difference listed.
 * Both are projections of the same events, so any difference means someone edited a table, or a
 * projection is broken; either way the public would be told something the register does not say.
 * A full comparison: it is meant to run on a schedule (nightly), not per event.
 */
export function comparePublicWithRegister(db: Database): PublicRegisterDifference[] {
  const registered = `
    SELECT e.diploma_id, e.authority_code AS r_authority, e.serial_label AS r_serial, e.register_label AS r_register, e.state AS r_state, e.exempt_from_public AS r_exempt,
           g.full_name AS r_name, g.birth_date AS r_birth
    FROM register_entries e LEFT JOIN graduates g ON g.graduate_id = e.graduate_id WHERE e.state IN ('issued', 'delivered', 'revoked', 'superseded', 'lost_before_delivery')
    UNION ALL
    SELECT d.diploma_id, d.authority_code, d.serial_label, d.register_label, d.state, 0, NULL, NULL FROM replacement_diplomas d`;
  const rows = db
    .prepare<[], Joined>(
      `
    WITH r AS (${registered})
    SELECT r.*, p.authority_code AS p_authority, p.serial_label AS p_serial, p.register_label AS p_register, p.status AS p_status, p.exempt AS p_exempt,
           p.printed_name_key AS p_name, p.printed_birth_date AS p_birth
    FROM r LEFT JOIN public_lookup p ON p.diploma_id = r.diploma_id
    UNION ALL
    SELECT p.diploma_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.authority_code, p.serial_label, p.register_label, p.status, p.exempt, NULL, NULL
    FROM public_lookup p WHERE p.diploma_id NOT IN (SELECT diploma_id FROM r)
    ORDER BY 1`,
    )
    .all();
  const differences: PublicRegisterDifference[] = [];
  for (const row of rows) {
    const base = {
      diplomaId: row.diploma_id,
      authorityCode: (row.r_authority ?? row.p_authority)!,
      serial: (row.r_serial ?? row.p_serial)!,
    };
    const add = (difference: PublicRegisterDifference['difference'], register: string | null, published: string | null) =>
      differences.push({ ...base, difference, register, published });
    if (row.r_state === null) {
      add('extra', null, `${row.p_serial} ${row.p_register} (${row.p_status})`);
      continue;
    }
    if (row.p_status === null) {
      add('missing', `${row.r_serial} ${row.r_register} (${row.r_state})`, null);
      continue;
    }
    if (row.p_serial !== row.r_serial) add('serial', row.r_serial, row.p_serial);
    if (row.p_register !== row.r_register) add('register_number', row.r_register, row.p_register);
    if (row.p_authority !== row.r_authority) add('issuer', row.r_authority, row.p_authority);
    if (!(PUBLIC_STATUS[row.r_state] ?? []).includes(row.p_status)) add('status', row.r_state, row.p_status);
    if (row.r_exempt === 1 && row.p_exempt !== 1) add('exempt_listed', 'exempt', 'listed');
    if (row.r_birth !== null && row.p_birth !== null && row.r_birth !== row.p_birth) add('holder', row.r_birth, row.p_birth);
  }
  const unpublished = db
    .prepare<[], { diploma_id: string; authority_code: string; serial_label: string; decision_number: string }>(
      `
    SELECT c.diploma_id, c.authority_code, c.serial_label, c.decision_number FROM revocation_cases c
    LEFT JOIN public_revocations r ON r.diploma_id = c.diploma_id WHERE r.diploma_id IS NULL ORDER BY c.diploma_id`,
    )
    .all();
  for (const u of unpublished)
    differences.push({
      diplomaId: u.diploma_id,
      authorityCode: u.authority_code,
      serial: u.serial_label,
      difference: 'revocation_unpublished',
      register: u.decision_number,
      published: null,
    });
  return differences;
}
