import type { CorrectionEvent, HandOverEvent } from '@so-goc/domain';
import { diplomaIdOf, issuance2024, RUN_ID, RUN_STREAM } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { registerAppendix } from './after-issuance.queries';
import { registerBookProjection } from './register-book.projection';
import { overdueIssuance, printRunView, registerBook } from './register-book.queries';

/** The sổ gốc (§4.1, rules 19–24) and its appendix (§4.2), from a literal 2024 issuance of three THPT diplomas. */
const BOOK = { authorityCode: 'SGD-HP', kind: 'THPT' as const, year: 2024 };
const unsigned = () => issuance2024().filter((e) => !(e.stream === RUN_STREAM && e.type === 'PrintRunSigned'));
const onDiploma = (n: number, event: HandOverEvent | CorrectionEvent, revision = 1n) =>
  recordedEvent(`diploma-${diplomaIdOf(n)}`, event, { revision });
const corrected: CorrectionEvent = {
  type: 'DiplomaCorrected',
  data: {
    diplomaId: diplomaIdOf(2),
    requestId: 'dc-1',
    decisionNumber: '45/QĐ-SGDĐT',
    decisionDate: '2025-03-10',
    ground: 'civil_status_changed',
    changes: [{ field: 'fullName', before: 'Đặng Hoàng Yến', after: 'Đặng Hoàng Yên' }],
    document: { kind: 'Trích lục cải chính hộ tịch', number: '12/TLCC', date: '2025-02-20', issuedBy: 'UBND phường Lạch Tray' },
    authorityCode: 'SGD-HP',
    regime: 'TT21-2019',
    decidedWithinDeadline: true,
  },
};

describe('register book projection (sổ gốc, §4.1, §4.2)', () => {
  it('rules 19–21: given a signed run, the book for THPT 2024 has one section under the decision, signer and issue date, in register-number order', () => {
    const sections = registerBook(givenEvents(registerBookProjection, issuance2024()).db, BOOK);
    expect(sections.map((s) => [s.decisionNumber, s.examSession, s.signerName, s.signerTitle, s.issueDate, s.issuePlace])).toEqual([
      ['1234/QĐ-SGDĐT', 'Kỳ thi tốt nghiệp THPT năm 2024', 'Nguyễn Văn An', 'Giám đốc', '2024-08-14', 'Hải Phòng'],
    ]);
    expect(sections[0]?.entries.map((e) => [e.registerLabel, e.serial, e.fullName, e.nationalId, e.state])).toEqual([
      ['000417/THPT-2024', 'HP 0203416', 'Nguyễn Thị Thuỷ', '031206000001', 'issued'],
      ['000418/THPT-2024', 'HP 0203417', 'Đặng Hoàng Yến', '031206000002', 'issued'],
      ['000419/THPT-2024', 'HP 0203418', 'Lê Quốc Hưng', '031206000003', 'issued'],
    ]);
    expect(registerBook(givenEvents(registerBookProjection, issuance2024()).db, { ...BOOK, year: 2025 })).toEqual([]);
  });

  it('rule 5: printed but not yet signed, the entries are "printed" and carry no issue date', () => {
    const run = printRunView(givenEvents(registerBookProjection, unsigned()).db, RUN_ID);
    expect(run?.entries.map((e) => [e.state, e.issueDate])).toEqual([
      ['printed', null],
      ['printed', null],
      ['printed', null],
    ]);
  });

  it('rule 7: a decision whose graduates are still unsigned after the deadline is overdue; once signed it is not', () => {
    expect(overdueIssuance(givenEvents(registerBookProjection, unsigned()).db, 'SGD-HP', '2024-12-31')).toMatchObject([
      { decisionNumber: '1234/QĐ-SGDĐT', notIssued: 3 },
    ]);
    expect(overdueIssuance(givenEvents(registerBookProjection, issuance2024()).db, 'SGD-HP', '2024-12-31')).toEqual([]);
  });

  it('rule 23: when a proxy signs for a diploma, the book records who received it, as what, and when', () => {
    const { db } = givenEvents(registerBookProjection, [
      ...issuance2024(),
      onDiploma(1, {
        type: 'DiplomaDelivered',
        data: {
          diplomaId: diplomaIdOf(1),
          printRunId: RUN_ID,
          recipient: { kind: 'proxy', fullName: 'Nguyễn Văn Hải', authorisationRef: 'GUQ-15', idDocument: 'CCCD 031080000111' },
          deliveredOn: '2024-08-20',
          deliveredBy: 'lan.nguyen',
        },
      }),
    ]);
    expect(registerBook(db, BOOK)[0]?.entries[0]).toMatchObject({
      state: 'delivered',
      recipientName: 'Nguyễn Văn Hải',
      recipientKind: 'proxy',
      receivedOn: '2024-08-20',
    });
  });

  it('rules 22, 30: when a diploma is corrected, the appendix gains a row with before and after; the book’s line keeps what was printed', () => {
    const { db } = givenEvents(registerBookProjection, [...issuance2024(), onDiploma(2, corrected)]);
    expect(registerAppendix(db, BOOK)).toMatchObject([
      {
        rowNumber: 1,
        action: 'correction',
        diplomaId: diplomaIdOf(2),
        serial: 'HP 0203417',
        registerNumber: '000418/THPT-2024',
        changes: [{ field: 'fullName', before: 'Đặng Hoàng Yến', after: 'Đặng Hoàng Yên' }],
        decisionNumber: '45/QĐ-SGDĐT',
      },
    ]);
    expect(registerBook(db, BOOK)[0]?.entries[1]?.fullName).toBe('Đặng Hoàng Yến');
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(registerBookProjection, [...issuance2024(), onDiploma(2, corrected)]).replayChangesNothing()).toBe(true);
  });
});
