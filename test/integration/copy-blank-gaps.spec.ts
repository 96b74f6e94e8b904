import { BASELINE_CALENDAR_STATE, blankLotDecider, blankLotStream, calendarFromState, type Requester } from '@so-goc/domain';
import { handleCommand } from '@so-goc/event-store';
import { authorityDirectoryCache, issueCopies, receiveBlankLot, receiveCopyRequest } from '@so-goc/platform';
import { copyAuditProjection, everyDetection, hashTables, printRunView } from '@so-goc/projections';
import { context, contextAfterTheFacts, issuanceWorld } from '../support/issuance-world';

jest.setTimeout(120_000);
const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

/**
 * F10 copy-blank gaps (docs/domain.md §6 F10, rules 11, 16, 53): copies are printed on serial-numbered copy
 * blanks, lowest first. When an office's copies jump over serials that the ledger does not account for
 * (not in the copy register, not spoiled, destroyed, lost or returned), the skipped blanks are a finding;
 * a properly spoiled blank in between is not.
 */
describe('F10: copy-blank gaps', () => {
  it('honest copies raise nothing; a copy blank bound outside the copy register, or held back, is found when the next copy skips it', async () => {
    const world = await issuanceWorld();
    try {
      const { store } = world;
      await world.issueThcsAtPhong2024();
      await receiveBlankLot(
        store,
        {
          type: 'ReceiveBlankLot',
          lotId: 'HP-BS-THCS-2026',
          authorityCode: 'SGD-HP',
          kind: 'THCS_COPY',
          templateVersion: 'TT21-2019',
          prefix: 'BS',
          width: 7,
          from: 1,
          to: 100,
          supplier: 'Nhà in',
          deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
          receivedBy: 'Lan',
          receivedOn: '2026-01-05',
        },
        context('SGD-HP', '2026-01-05T02:00:00.000Z'),
      );
      let db = await world.readModels();
      const holders = printRunView(db, 'thcs-tn-2024')!.entries.slice(0, 4);
      const copiesFor = async (n: number, requestId: string, copies: number, day: string) => {
        const holder = holders[n]!;
        const requester: Requester = {
          kind: 'holder',
          fullName: holder.fullName,
          idDocument: { kind: 'CCCD', number: holder.nationalId },
          entitlementDocument: null,
          deathCertificate: null,
        };
        await receiveCopyRequest(
          store,
          calendar,
          0,
          {
            requestId,
            diplomaId: holder.diplomaId,
            authorityCode: 'SGD-HP',
            requester,
            channel: 'counter',
            receivedAt: `${day}T02:00:00Z`,
            copies,
          },
          contextAfterTheFacts(),
        );
        await issueCopies(
          store,
          await authorityDirectoryCache(store).current(),
          { requestId, authorityCode: 'SGD-HP', lotId: 'HP-BS-THCS-2026', issuedOn: day, issuePlace: 'Hải Phòng', signerId: 'gd-sgd-hp' },
          contextAfterTheFacts(),
        );
      };
      const lotCommand = (command: Parameters<typeof blankLotDecider.decide>[0]) =>
        handleCommand(store, blankLotDecider, { stream: blankLotStream('HP-BS-THCS-2026'), context: contextAfterTheFacts(), command });
      const f10 = async () => {
        db = await world.readModels();
        return everyDetection(db).filter((d) => d.key.startsWith('F10:copy-blank-gap'));
      };

      // BS 0000001–0000002: two honest copies, nothing to see.
      await copiesFor(0, 'bs-gap-1', 2, '2026-03-02');
      expect(await f10()).toEqual([]);

      // BS 0000003 is printed on outside the copy register; BS 0000004 is spoiled and recorded (rule 12).
      await lotCommand({
        type: 'BindNextBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'ngoai-so',
        diplomaIds: ['giay-la'],
        boundOn: '2026-03-03',
      });
      await lotCommand({
        type: 'SpoilBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 4, to: 4 }],
        reason: 'misprint',
        note: 'In lệch',
        spoiledOn: '2026-03-03',
      });
      // The next copy goes on BS 0000005: BS 0000003 is unaccounted, BS 0000004 is not.
      await copiesFor(1, 'bs-gap-2', 1, '2026-03-04');
      let found = await f10();
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        key: 'F10:copy-blank-gap:HP-BS-THCS-2026:BS 0000003',
        pattern: 'F10',
        severity: 'high',
        authorityCode: 'SGD-HP',
        facts: {
          usedSerial: 'BS 0000005',
          requestId: 'bs-gap-2',
          skippedCount: 1,
          skipped: [{ serial: 'BS 0000003', state: 'bound', printRunId: 'ngoai-so', paperId: 'giay-la' }],
        },
      });

      // BS 0000006–0000007 are held back for a "print run" that never comes; the copy goes on BS 0000008.
      await lotCommand({
        type: 'ReserveBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'giu-lai',
        ranges: [{ from: 6, to: 7 }],
        reservedOn: '2026-03-05',
      });
      await copiesFor(2, 'bs-gap-3', 1, '2026-03-05');
      found = await f10();
      expect(found.map((d) => [d.key, d.facts['skipped']])).toEqual([
        [
          'F10:copy-blank-gap:HP-BS-THCS-2026:BS 0000003',
          [{ serial: 'BS 0000003', state: 'bound', printRunId: 'ngoai-so', paperId: 'giay-la' }],
        ],
        [
          'F10:copy-blank-gap:HP-BS-THCS-2026:BS 0000006',
          [
            { serial: 'BS 0000006', state: 'unbound' },
            { serial: 'BS 0000007', state: 'unbound' },
          ],
        ],
      ]);

      // An honest copy after that (BS 0000009) adds nothing; a rebuild from zero finds the same (architecture §5).
      await copiesFor(3, 'bs-gap-4', 1, '2026-03-06');
      expect(await f10()).toHaveLength(2);
      const live = hashTables(db, copyAuditProjection.tables);
      await world.rebuild(copyAuditProjection.name);
      expect(hashTables(await world.readModels(), copyAuditProjection.tables)).toEqual(live);
    } finally {
      await world.close();
    }
  });
});
