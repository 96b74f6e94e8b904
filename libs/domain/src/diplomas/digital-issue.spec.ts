import { given } from '../testing/given-when-then';
import { PROVINCE, THCS_PHONG_2024, THPT_2024 } from '../testing/after-issuance-fixtures';
import type { DiplomaEvent, IssuedDiploma } from './diploma';
import { diplomaDecider } from './diploma.decider';

const THPT_2026: IssuedDiploma = {
  ...THPT_2024,
  diplomaId: 'sgd-hp-500-2026-00001',
  graduateId: 'sgd-hp-500-2026-00001',
  registerLabel: '000001/THPT-2026',
  issueDate: '2026-07-15',
};
const digital = (overrides: Record<string, unknown> = {}) => ({
  type: 'RecordDigitalIssue' as const,
  issued: THPT_2026,
  authorityCode: 'SGD-HP',
  decisionDate: '2026-07-10',
  issuedOn: '2026-07-14',
  reference: 'CSDL-VB-2026-000123',
  ...overrides,
});

/**
 * Domain §0.5: the digital diploma (bản điện tử) is a medium of issue of the same diploma, recorded with
 * its date and reference; under TT10/2026 a digital THPT diploma is due 5 days after the graduation
 * decision (the deadline table's digital row, confidence M), a paper one 30.
 */
describe('The digital diploma as a recorded medium of issue (§0.5)', () => {
  it('TT10/2026: recorded with the digital deadline of 5 days from the decision, kept or not', () => {
    given(diplomaDecider)
      .when(digital())
      .then([
        {
          type: 'DiplomaIssuedDigitally',
          data: {
            diplomaId: THPT_2026.diplomaId,
            authorityCode: 'SGD-HP',
            issuedOn: '2026-07-14',
            reference: 'CSDL-VB-2026-000123',
            deadline: {
              days: 5,
              dueBy: '2026-07-15',
              regime: 'TT10/2026',
              confirmed: false,
              source: 'TT10/2026: 5 days kept against 10–15 working days asked (§0.5)',
            },
            withinDeadline: true,
            mediumSource: 'Domain §0.5: pilot for the 2025 THPT cohort, nationwide 2026, back-issue for 2024 and earlier',
          },
        },
      ] as DiplomaEvent[]);
    const [late] = diplomaDecider.decide(digital({ issuedOn: '2026-07-20' }), diplomaDecider.initialState, undefined as never);
    expect(late).toMatchObject({ data: { withinDeadline: false, deadline: { dueBy: '2026-07-15' } } });
  });

  it('a 2024 diploma back-issued digitally in 2026 has no digital deadline to keep', () => {
    const [event] = diplomaDecider.decide(
      digital({ issued: THPT_2024, decisionDate: '2024-07-20', issuedOn: '2026-09-01' }),
      diplomaDecider.initialState,
      undefined as never,
    );
    expect(event).toMatchObject({ data: { deadline: null, withinDeadline: null, issuedOn: '2026-09-01' } });
  });

  it('only where the medium exists: THPT from the 2025 pilot, no THCS', () => {
    given(diplomaDecider)
      .when(digital({ issued: THPT_2024, decisionDate: '2024-07-20', issuedOn: '2025-03-01' }))
      .thenRefusedWith('DIGITAL_MEDIUM_NOT_AVAILABLE', { field: 'issuedOn' });
    given(diplomaDecider)
      .when(digital({ issued: THCS_PHONG_2024, decisionDate: '2024-06-10', issuedOn: '2026-09-01' }))
      .thenRefusedWith('DIGITAL_MEDIUM_NOT_AVAILABLE');
  });

  it('rule 25: not before the graduation decision; a reference is required', () => {
    given(diplomaDecider)
      .when(digital({ issuedOn: '2026-07-09' }))
      .thenRefusedWith('DATE_TOO_EARLY', { rule: 25 });
    given(diplomaDecider)
      .when(digital({ reference: ' ' }))
      .thenRefusedWith('INVALID_INPUT', { field: 'reference' });
  });

  it('once per diploma: the same record again records nothing, another is refused; never for a revoked diploma (rule 45)', () => {
    const issued = [...diplomaDecider.decide(digital(), diplomaDecider.initialState, undefined as never)];
    given(diplomaDecider, issued).when(digital()).then([]);
    given(diplomaDecider, issued)
      .when(digital({ reference: 'CSDL-VB-2026-999' }))
      .thenRefusedWith('DIGITAL_DIPLOMA_ALREADY_ISSUED', { kind: 'conflict' });
    const revoked = diplomaDecider.decide(
      {
        type: 'RevokeDiploma',
        issued: THPT_2026,
        decisionNumber: '9/QĐ-SGDĐT',
        decisionDate: '2026-07-16',
        ground: 'fraud',
        reasons: 'Học bạ giả',
        source: 'police',
        actingAuthorityCode: 'SGD-HP',
        directory: PROVINCE,
      },
      diplomaDecider.initialState,
      undefined as never,
    );
    given(diplomaDecider, [...revoked])
      .when(digital({ issuedOn: '2026-07-17' }))
      .thenRefusedWith('DIPLOMA_REVOKED', { rule: 45 });
  });
});
