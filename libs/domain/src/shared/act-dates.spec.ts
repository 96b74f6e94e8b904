import { authorityDirectoryDecider } from '../authorities/authority-directory.decider';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { copyRequestDecider } from '../copies/copy-request.decider';
import { graduationDecisionDecider } from '../decisions/graduation-decision';
import { diplomaDecider } from '../diplomas/diploma.decider';
import { printRunDecider } from '../issuance/print-run.decider';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { verificationRequestDecider } from '../verification-requests/verification-request';
import { foldEvents } from './decider';
import { DomainError } from './errors';
import { requireActDate, requireScheduledDate } from './plausible-dates';

/**
 * Issue 16: every act's date is refused when implausible — before 2 September 1945 (DATE_TOO_EARLY) or
 * after the day the command is recorded plus one (DATE_IN_FUTURE) — by the decider of the act, with
 * the field at fault. TEST_CONTEXT records on 2026-11-22.
 */
type AnyDecider = { decide(command: never, state: never, context: typeof TEST_CONTEXT): unknown; initialState: unknown };

function problemsOf(decider: AnyDecider, command: object, state: unknown = decider.initialState): { field: string; code: string }[] {
  try {
    decider.decide(command as never, state as never, TEST_CONTEXT);
  } catch (error) {
    if (error instanceof DomainError)
      return [...(error.problem.fieldProblems ?? [{ field: error.problem.field ?? '', code: error.problem.code }])];
    throw error;
  }
  return [];
}

const ACTS: readonly [string, string, AnyDecider, object][] = [
  ['hand-over (rule 23)', 'deliveredOn', diplomaDecider, { type: 'DeliverDiploma' }],
  ['loss before hand-over (rule 14)', 'lostOn', diplomaDecider, { type: 'ReportDiplomaLostBeforeDelivery' }],
  ['correction request (rule 29)', 'receivedOn', diplomaDecider, { type: 'RequestCorrection' }],
  ['correction request’s document', 'document.date', diplomaDecider, { type: 'RequestCorrection', document: {} }],
  ['correction decision (rule 30)', 'decisionDate', diplomaDecider, { type: 'DecideCorrection' }],
  ['correction refusal', 'refusedOn', diplomaDecider, { type: 'RefuseCorrection' }],
  ['revocation (rule 36)', 'decisionDate', diplomaDecider, { type: 'RevokeDiploma' }],
  ['revocation published', 'publishedOn', diplomaDecider, { type: 'PublishRevocation' }],
  ['revoked diploma returned', 'returnedOn', diplomaDecider, { type: 'RecordRevokedDiplomaReturned' }],
  ['reissue decision', 'decisionDate', diplomaDecider, { type: 'ReissueDiploma' }],
  ['replacement issued', 'issueDate', diplomaDecider, { type: 'IssueReplacementDiploma' }],
  ['graduation decision', 'date', graduationDecisionDecider, { type: 'RecordGraduationDecision' }],
  ['print run opened', 'openedOn', printRunDecider, { type: 'OpenPrintRun' }],
  ['verification letter', 'letterDate', verificationRequestDecider, { type: 'ReceiveVerificationRequest' }],
  ['verification letter received', 'receivedOn', verificationRequestDecider, { type: 'ReceiveVerificationRequest' }],
  ['copies issued (rule 46)', 'issuedOn', copyRequestDecider, { type: 'IssueCopies' }],
  ['copy request refused (rule 50)', 'refusedOn', copyRequestDecider, { type: 'RefuseCopyRequest' }],
];

describe('the date of every act is plausible (issue 16)', () => {
  it.each(ACTS)('%s: %s 9999-12-31 is DATE_IN_FUTURE, 1900-01-01 DATE_TOO_EARLY', (_act, field, decider, command) => {
    const withDate = (date: string) => (field === 'document.date' ? { ...command, document: { date } } : { ...command, [field]: date });
    expect(problemsOf(decider, withDate('9999-12-31'))).toContainEqual(expect.objectContaining({ field, code: 'DATE_IN_FUTURE' }));
    expect(problemsOf(decider, withDate('2026-11-25'))).toContainEqual(expect.objectContaining({ field, code: 'DATE_IN_FUTURE' }));
    expect(problemsOf(decider, withDate('1900-01-01'))).toContainEqual(expect.objectContaining({ field, code: 'DATE_TOO_EARLY' }));
    // The day itself and the next (clocks around midnight) are plausible: whatever else is refused, not the date.
    for (const date of ['2026-11-22', '2026-11-23', '1998-06-30'])
      expect(problemsOf(decider, withDate(date)).filter((p) => p.field === field)).toEqual([]);
  });

  it('a blank’s acts too: allocation, spoilage, destruction, loss, return, the hand-over note (rules 12–15)', () => {
    const receipt = {
      type: 'ReceiveBlankLot',
      lotId: 'lot-a',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      from: 203401,
      to: 203420,
      authorityCode: 'SGD-HP',
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '2024-05-20',
    } as const;
    const received = foldEvents(blankLotDecider, blankLotDecider.decide(receipt, blankLotDecider.initialState, TEST_CONTEXT));
    for (const [type, field] of [
      ['AllocateBlanks', 'allocatedOn'],
      ['AllocateBlanks', 'handover.date'],
      ['SpoilBlanks', 'spoiledOn'],
      ['DestroyBlanks', 'destroyedOn'],
      ['DestroyBlanks', 'councilDecision.date'],
      ['ReportBlanksLost', 'lostOn'],
      ['ReturnBlanks', 'returnedOn'],
    ] as const) {
      const [name, inner] = field.split('.') as [string, string | undefined];
      const command = { type, lotId: 'lot-a', authorityCode: 'SGD-HP', [name]: inner ? { [inner]: '9999-12-31' } : '9999-12-31' };
      expect(problemsOf(blankLotDecider as AnyDecider, command, received)).toContainEqual(
        expect.objectContaining({ field, code: 'DATE_IN_FUTURE' }),
      );
    }
  });

  it('the directory’s dates may lie ahead (a merger effective next year) but not absurdly far, nor before 1945', () => {
    const register = (registeredOn: string) =>
      problemsOf(authorityDirectoryDecider, {
        type: 'RegisterAuthority',
        code: 'SGD-X',
        name: 'Sở X',
        kind: 'province_department',
        registeredOn,
      });
    expect(register('9999-12-31')).toContainEqual(expect.objectContaining({ field: 'registeredOn', code: 'DATE_IN_FUTURE' }));
    expect(register('1930-01-01')).toContainEqual(expect.objectContaining({ field: 'registeredOn', code: 'DATE_TOO_EARLY' }));
    expect(register('2027-07-01').filter((p) => p.field === 'registeredOn')).toEqual([]);
  });

  it('requireActDate reports a malformed date once, as BAD_DATE; requireScheduledDate allows ten years ahead', () => {
    expect(requireActDate('deliveredOn', '31/12/2026', '2026-11-22')?.code).toBe('BAD_DATE');
    expect(requireActDate('deliveredOn', '2026-11-22', undefined)).toBeUndefined();
    expect(requireScheduledDate('effectiveOn', '2036-11-22', '2026-11-22')).toBeUndefined();
    expect(requireScheduledDate('effectiveOn', '2036-11-23', '2026-11-22')?.code).toBe('DATE_IN_FUTURE');
    expect(requireScheduledDate('effectiveOn', '1945-09-01', '2026-11-22')?.code).toBe('DATE_TOO_EARLY');
  });
});
