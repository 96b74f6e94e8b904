import { given } from '../testing/given-when-then';
import { CALENDAR, PROVINCE, THCS_PHONG_2024, THPT_2024 } from '../testing/after-issuance-fixtures';
import type { DiplomaEvent, IssuedDiploma } from './diploma';
import { diplomaDecider } from './diploma.decider';

const document = { kind: 'Trích lục cải chính hộ tịch', number: '125/TLCC', date: '2026-03-02', issuedBy: 'UBND phường Lạch Tray' };
const request = (issued: IssuedDiploma = THPT_2024, overrides: Record<string, unknown> = {}) => ({
  type: 'RequestCorrection' as const,
  issued,
  authorityCode: 'SGD-HP',
  requestId: 'cs-2026-01',
  ground: 'civil_status_changed' as const,
  changes: [{ field: 'birthDate' as const, after: '19/09/2006' }],
  document,
  requestedBy: 'Nguyễn Thị Thuỷ',
  receivedOn: '2026-03-05',
  dossierCompleteOn: '2026-03-05',
  calendar: CALENDAR,
  ...overrides,
});
const requested = (issued: IssuedDiploma = THPT_2024): DiplomaEvent[] => [
  ...diplomaDecider.decide(request(issued), diplomaDecider.initialState, undefined as never),
];
const decide = (issued: IssuedDiploma = THPT_2024, actingAuthorityCode = 'SGD-HP', decisionDate = '2026-03-09') => ({
  type: 'DecideCorrection' as const,
  issued,
  requestId: 'cs-2026-01',
  decisionNumber: '45/QĐ-SGDĐT',
  decisionDate,
  actingAuthorityCode,
  directory: PROVINCE,
});
const revoked: DiplomaEvent = {
  type: 'DiplomaRevoked',
  data: {
    diplomaId: THPT_2024.diplomaId,
    serialLabel: 'HP 0203418',
    registerLabel: '000417/THPT-2024',
    issuerCode: 'SGD-HP',
    decisionNumber: '99/QĐ-SGDĐT',
    decisionDate: '2026-02-01',
    ground: 'fraud',
    reasons: 'Học bạ giả',
    source: 'police',
    authorityCode: 'SGD-HP',
    regime: 'TT13/2025',
  },
};

describe('Correction (rules 27–35)', () => {
  it('rule 29: a request records before/after and a due date 2 working days after the complete dossier under TT13/2025', () => {
    const [event] = requested();
    expect(event).toMatchObject({
      type: 'DiplomaCorrectionRequested',
      data: {
        authorityCode: 'SGD-HP',
        changes: [{ field: 'birthDate', before: '2006-09-18', after: '2006-09-19' }],
        dossierCompleteOn: '2026-03-05',
        dueBy: '2026-03-09',
        deadline: { workingDays: 2, regime: 'TT13/2025', confirmed: false },
      },
    });
  });

  it.each([
    ['TT21/2019', '2024-10-01', 5, '2024-10-08', true],
    ['TT13/2025', '2026-03-05', 2, '2026-03-09', false],
    ['TT10/2026 (draft)', '2026-05-04', 3, '2026-05-07', false],
  ])(
    'rule 29 under %s: a dossier complete on %s is due in %i working days, on %s (confirmed: %s)',
    (_regime, completeOn, days, dueBy, confirmed) => {
      const [event] = diplomaDecider.decide(
        request(THPT_2024, { receivedOn: completeOn, dossierCompleteOn: completeOn }),
        diplomaDecider.initialState,
        undefined as never,
      );
      expect(event).toMatchObject({ data: { dueBy, deadline: { workingDays: days, confirmed } } });
    },
  );

  it('rule 27: only the four legal grounds are accepted', () => {
    given(diplomaDecider)
      .when(request(THPT_2024, { ground: 'holder_wants_new_name' }))
      .thenRefusedWith('INVALID_INPUT', { field: 'ground' });
  });

  it('rule 27(b): sex and ethnicity change only when re-determined', () => {
    given(diplomaDecider)
      .when(request(THPT_2024, { changes: [{ field: 'ethnicity', after: 'Mường' }] }))
      .thenRefusedWith('GROUND_DOES_NOT_COVER_FIELD', { rule: 27 });
    const [event] = diplomaDecider.decide(
      request(THPT_2024, { ground: 'ethnicity_or_sex_redetermined', changes: [{ field: 'ethnicity', after: 'Mường' }] }),
      diplomaDecider.initialState,
      undefined as never,
    );
    expect(event).toMatchObject({ data: { changes: [{ field: 'ethnicity', before: 'Kinh', after: 'Mường' }] } });
  });

  it('rule 28: the supporting civil-status document is required', () => {
    given(diplomaDecider)
      .when(request(THPT_2024, { document: { ...document, number: '' } }))
      .thenRefusedWith('INVALID_INPUT', { field: 'document.number' });
  });

  it('rule 35: a correction that changes nothing is refused', () => {
    given(diplomaDecider)
      .when(request(THPT_2024, { changes: [{ field: 'birthDate', after: '18/09/2006' }] }))
      .thenRefusedWith('CORRECTION_CHANGES_NOTHING', { rule: 35 });
  });

  it('rules 30, 31: the decision records the changes, the document and whether the deadline was kept; nothing is reprinted', () => {
    const [event] = diplomaDecider.decide(
      decide(),
      requested().reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    expect(event).toMatchObject({
      type: 'DiplomaCorrected',
      data: {
        decisionNumber: '45/QĐ-SGDĐT',
        decidedWithinDeadline: true,
        document: { number: '125/TLCC' },
        changes: [{ field: 'birthDate', after: '2006-09-19' }],
      },
    });
    const [late] = diplomaDecider.decide(
      decide(THPT_2024, 'SGD-HP', '2026-03-13'),
      requested().reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    expect(late).toMatchObject({ data: { decidedWithinDeadline: false } });
  });

  it('rule 29: a refusal is written with reasons and closes the request', () => {
    const refuse = {
      type: 'RefuseCorrection' as const,
      issued: THPT_2024,
      requestId: 'cs-2026-01',
      reasons: '',
      refusedOn: '2026-03-09',
      actingAuthorityCode: 'SGD-HP',
    };
    given(diplomaDecider, requested()).when(refuse).thenRefusedWith('INVALID_INPUT', { field: 'reasons' });
    const [refused] = diplomaDecider.decide(
      { ...refuse, reasons: 'Trích lục không khớp với người được cấp' },
      requested().reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    given(diplomaDecider, [...requested(), refused!])
      .when(decide())
      .thenRefusedWith('CORRECTION_REQUEST_CLOSED');
  });

  it('rule 32: a Phòng-era THCS diploma (2024) is corrected in 2026 by the Sở that succeeded the Phòng', () => {
    const history = requested(THCS_PHONG_2024);
    const [event] = diplomaDecider.decide(
      decide(THCS_PHONG_2024, 'SGD-HP', '2026-03-10'),
      history.reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    expect(event).toMatchObject({ type: 'DiplomaCorrected', data: { authorityCode: 'SGD-HP', regime: 'TT13/2025' } });
  });

  it('rule 32: another province’s Sở cannot correct it', () => {
    given(diplomaDecider, requested()).when(decide(THPT_2024, 'SGD-QN')).thenRefusedWith('NOT_REGISTER_HOLDER');
  });

  it('rule 33: diplomas issued before the regulation are corrected the same way', () => {
    const old: IssuedDiploma = { ...THPT_2024, diplomaId: 'sgd-hp-2015-00001', issueDate: '2015-08-10', registerLabel: '000001/THPT-2015' };
    const [event] = diplomaDecider.decide(
      decide(old),
      requested(old).reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    expect(event?.type).toBe('DiplomaCorrected');
  });

  it('rule 34: a revoked diploma cannot be corrected', () => {
    given(diplomaDecider, [revoked]).when(request()).thenRefusedWith('DIPLOMA_REVOKED', { rule: 34 });
  });

  it('rule 34: a superseded diploma cannot be corrected; its replacement is', () => {
    const reissued: DiplomaEvent = {
      type: 'DiplomaReissued',
      data: {
        diplomaId: THPT_2024.diplomaId,
        newDiplomaId: 'x-r1',
        newSerialLabel: 'HP 0205001',
        newRegisterLabel: '000417/THPT-2024/1',
        decisionNumber: '7/QĐ',
        decisionDate: '2026-01-05',
        issuerError: 'Sai tên',
        changes: [],
      },
    };
    given(diplomaDecider, [reissued]).when(request()).thenRefusedWith('DIPLOMA_SUPERSEDED', { rule: 34 });
  });
});
