import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@so-goc/domain';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { authorityDirectoryCache, importGraduationDecision, openPrintRun, recordPrinting, signPrintRun } from '@so-goc/platform';
import { everyDetection, ScheduledAudits } from '@so-goc/projections';
import { issuanceWorld } from '../support/issuance-world';

/** Recorded today (December 2026), whatever date the act itself carries. */
const today = (officerId: string, role: 'registrar' | 'signer', authorityCode = 'SGD-HP'): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId, role, authorityCode },
    occurredAt: '2026-12-05T03:00:00.000Z',
  };
};

/**
 * Issue 15: after `cli demo`, an office that enters its 2024 issuance today (a past year back-filled
 * into a new registry, scenario 1's dates) saw F6 "entered after the year 2024 had ended" for every
 * print run. Nothing was inserted into a closed book: the book was never in use before. F6 (rule 21,
 * domain §6) is for a book that was in use in its year and received entries after the year ended —
 * that case stays a finding (audits.spec.ts).
 */
describe('F6 on back-filled data', () => {
  it('a 2024 book first entered in 2026 raises no F6; a book in use in its year that receives entries after it ended does', async () => {
    const world = await issuanceWorld();
    try {
      const { store } = world;
      await importGraduationDecision(
        store,
        {
          decisionId: 'sgd-hp-1234-2024',
          authorityCode: 'SGD-HP',
          number: '1234/QĐ-SGDĐT',
          date: '2024-07-20',
          kind: 'THPT',
          schoolYear: '2023-2024',
          examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
          fileName: 'graduates-thpt-2024.xlsx',
          bytes: fixture('graduates-thpt-2024.xlsx'),
        },
        today('lan.nguyen', 'registrar'),
      );
      await openPrintRun(
        store,
        {
          printRunId: 'thpt-2024',
          authorityCode: 'SGD-HP',
          decisionId: 'sgd-hp-1234-2024',
          lotId: 'HP-THPT-2024',
          templateVersion: 'TT21-2019',
          openedOn: '2024-08-05',
        },
        today('lan.nguyen', 'registrar'),
      );
      await recordPrinting(
        store,
        { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', printedOn: '2024-08-06' },
        today('lan.nguyen', 'registrar'),
      );
      await signPrintRun(
        store,
        await authorityDirectoryCache(store).current(),
        { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
        today('ky-hp', 'signer'),
      );
      const db = await world.readModels();
      new ScheduledAudits(db).run(new Date('2026-12-05T04:00:00Z'));
      const findings = everyDetection(db).filter((d) => d.pattern !== 'F13');
      expect(findings.map((d) => d.key)).toEqual([]);
      expect(db.prepare("SELECT COUNT(*) FROM register_entries WHERE print_run_id = 'thpt-2024'").pluck().get()).toBe(2000);

      // A book in use in its year (2026) that receives numbers in January 2027 is still F6.
      const enter = (first: number, occurredAt: string) =>
        store.appendToStream(
          'register-SGD-HP-THPT-2026',
          [
            {
              id: randomUUID(),
              type: 'RegisterNumbersAssigned',
              data: { printRunId: `p-${first}`, first, last: first, count: 1, diplomaIds: [`d-${first}`] } as never,
              metadata: { schemaVersion: 1, actor: { officerId: 'insider', role: 'registrar', authorityCode: 'SGD-HP' }, occurredAt },
            },
          ],
          'any',
        );
      await enter(1, '2026-12-05T03:00:00.000Z');
      await enter(2, '2027-01-10T03:00:00.000Z');
      await world.readModels();
      expect(everyDetection(db).map((d) => d.key)).toEqual(['F6:after-close:register-SGD-HP-THPT-2026:2']);
    } finally {
      await world.close();
    }
  }, 120_000);
});
