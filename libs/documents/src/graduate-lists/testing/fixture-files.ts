import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The synthetic graduate lists from the team's shared fixtures (see their README), copied into the
 * repo so that CI on a fresh clone has them; SO_GOC_FIXTURES points elsewhere to try other files.
 */
const FIXTURES = process.env.SO_GOC_FIXTURES ?? resolve(__dirname, '../../../../../test/fixtures/graduates');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

/** The fixtures are 2024 lists; the decision falls after the exam, like a real one. */
export const THPT_2024 = { kind: 'THPT', decisionDate: '2024-07-20' } as const;
export const THCS_2024 = { kind: 'THCS', decisionDate: '2024-06-10' } as const;
