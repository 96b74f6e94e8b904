import type { AuthorityDirectoryEvent, PrintRunEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { ENTRIES, issuance2024, onStream, RUN_ID, RUN_STREAM, runEvents, runSigned } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { allDetections } from './detections';
import { ISSUANCE_AUDIT_TABLE, issuanceAuditProjection } from './issuance-audit.projection';

/** Rules 4, 6, 16, 25 and §6 (F6, F9, F11): what the print runs recorded, checked after the fact, from literal events. */
const director: AuthorityDirectoryEvent = {
  type: 'SignerRegistered',
  data: {
    signerId: 'gd-hp',
    authorityCode: 'SGD-HP',
    fullName: 'Nguyễn Văn An',
    title: 'Giám đốc',
    role: 'head',
    validFrom: '2020-01-01',
    validTo: null,
    delegationRef: null,
  },
};
const directory = (...events: AuthorityDirectoryEvent[]) => onStream('authority-directory', [director, ...events]);
const detections = (events: RecordedEvent[]) =>
  allDetections(givenEvents(issuanceAuditProjection, events).db, ISSUANCE_AUDIT_TABLE).map((d) => [d.pattern, d.severity, d.summaryVi]);
/** The run's own events with one of them replaced, then signed with `signed`. */
const run = (printed: PrintRunEvent, ...after: PrintRunEvent[]) => onStream(RUN_STREAM, [runEvents[0]!, runEvents[1]!, printed, ...after]);

describe('issuance audit projection (rules 4, 6, 16, 25; F6, F9, F11)', () => {
  it('given a run signed by the director within their mandate, nothing is raised', () => {
    expect(detections([...directory(), ...issuance2024()])).toEqual([]);
  });

  it('rule 25 (F6): when the issue date precedes the graduation decision, that is back-dating', () => {
    const early: PrintRunEvent = { ...runSigned, data: { ...runSigned.data, issueDate: '2024-07-01' } } as PrintRunEvent;
    expect(detections([...directory(), ...run(runEvents[2]!, early)])).toEqual([
      ['F6', 'high', 'Đợt in run-ngo-quyen: ngày cấp 2024-07-01 trước ngày quyết định công nhận tốt nghiệp 1234/QĐ-SGDĐT (2024-07-20).'],
    ]);
  });

  it('rule 6 (F9): when a mandate end is recorded after the fact, the signatures after it are uncovered', () => {
    const history = [...directory(), ...issuance2024()];
    const ended = recordedEvent('authority-directory', {
      type: 'SignerMandateEnded',
      data: { signerId: 'gd-hp', validTo: '2024-08-01', reason: 'Nghỉ hưu' },
    } satisfies AuthorityDirectoryEvent);
    const found = detections([...history, ended]);
    expect(found.map(([pattern]) => pattern)).toEqual(['F9']);
    expect(found[0]?.[2]).toContain('nhiệm kỳ kết thúc ngày 2024-08-01 (ghi nhận sau khi đã ký)');
  });

  it('rule 6 (F9): a signer nobody registered is raised', () => {
    expect(
      detections(issuance2024()).map(([pattern, , summary]) => [pattern, String(summary).includes('không có trong danh sách người ký')]),
    ).toEqual([['F9', true]]);
  });

  it('rule 16 (F11): when more diplomas are printed than the run approved, that is over-printing', () => {
    const printedFour: PrintRunEvent = { type: 'PrintRunPrinted', data: { printRunId: RUN_ID, printedOn: '2024-08-12', count: 4 } };
    expect(detections([...directory(), ...run(printedFour)]).map(([pattern, severity]) => [pattern, severity])).toEqual([
      ['F11', expect.any(String)],
    ]);
  });

  it('F11: when three of three diplomas are reprinted, the run’s misprint rate and the officer’s are out of line', () => {
    const reprint = (i: number): PrintRunEvent => ({
      type: 'PrintRunItemReprinted',
      data: {
        printRunId: RUN_ID,
        diplomaId: ENTRIES[i]!.diplomaId,
        registerLabel: ENTRIES[i]!.registerLabel,
        oldSerial: ENTRIES[i]!.serial,
        newSerial: 203419 + i,
        newSerialLabel: `HP 0${203419 + i}`,
        reason: 'misprint',
        note: 'Kẹt giấy',
        reprintedOn: '2024-08-12',
        newlyReserved: i > 0,
      },
    });
    expect(detections([...directory(), ...run(runEvents[2]!, reprint(0), reprint(1), reprint(2))])).toEqual([
      ['F11', 'medium', expect.stringContaining('Đợt in run-ngo-quyen: 3 phôi in hỏng trên 3 văn bằng')],
      ['F11', 'medium', expect.stringContaining('Cán bộ lan.nguyen ghi 3 phôi in hỏng năm')],
    ]);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(issuanceAuditProjection, [...directory(), ...issuance2024()]).replayChangesNothing()).toBe(true);
  });
});
