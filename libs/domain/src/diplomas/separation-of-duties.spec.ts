import type { CommandContext } from '../shared/command-context';
import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { CALENDAR, PROVINCE, THPT_2024 } from '../testing/after-issuance-fixtures';
import type { DiplomaEvent } from './diploma';
import { diplomaDecider } from './diploma.decider';

const as = (officerId: string, role: CommandContext['actor']['role'] = 'registrar'): CommandContext => ({
  ...TEST_CONTEXT,
  actor: { ...TEST_CONTEXT.actor, officerId, role },
});
const clerk = as('lan.nguyen');
const head = as('ky-hp', 'signer');

const requested: DiplomaEvent[] = [
  ...diplomaDecider.decide(
    {
      type: 'RequestCorrection',
      issued: THPT_2024,
      authorityCode: 'SGD-HP',
      requestId: 'cs-2026-01',
      ground: 'civil_status_changed',
      changes: [{ field: 'birthDate', after: '19/09/2006' }],
      document: { kind: 'Trích lục cải chính hộ tịch', number: '125/TLCC', date: '2026-03-02', issuedBy: 'UBND phường Lạch Tray' },
      requestedBy: 'Nguyễn Thị Thuỷ',
      receivedOn: '2026-03-05',
      dossierCompleteOn: '2026-03-05',
      calendar: CALENDAR,
    },
    diplomaDecider.initialState,
    clerk,
  ),
];
const decide = {
  type: 'DecideCorrection' as const,
  issued: THPT_2024,
  requestId: 'cs-2026-01',
  decisionNumber: '45/QĐ-SGDĐT',
  decisionDate: '2026-03-09',
  actingAuthorityCode: 'SGD-HP',
  directory: PROVINCE,
};
const refuse = {
  type: 'RefuseCorrection' as const,
  issued: THPT_2024,
  requestId: 'cs-2026-01',
  reasons: 'Trích lục không khớp',
  refusedOn: '2026-03-09',
  actingAuthorityCode: 'SGD-HP',
};
const propose = {
  type: 'ProposeRevocation' as const,
  issued: THPT_2024,
  ground: 'fraud' as const,
  reasons: 'Công văn 9/CV-CAHP: học bạ giả',
  source: 'police' as const,
  proposedOn: '2026-01-28',
};
const revoke = {
  type: 'RevokeDiploma' as const,
  issued: THPT_2024,
  decisionNumber: '99/QĐ-SGDĐT',
  decisionDate: '2026-02-01',
  ground: 'fraud' as const,
  reasons: 'Hồ sơ dự thi dùng học bạ giả',
  source: 'police' as const,
  actingAuthorityCode: 'SGD-HP',
  directory: PROVINCE,
};

/**
 * Issue 17 item 7: a decision after issuance is the competent head's act (rule 32 for corrections, rules
 * 41–42 for revocations), so the officer who recorded the correction dossier or proposed the revocation
 * may not record the decision on it.
 */
describe('Separation of duties for correction and revocation decisions (issue 17; rules 29, 32, 41, 42)', () => {
  it('rule 32: the request records who took the dossier', () => {
    expect(requested[0]).toMatchObject({ type: 'DiplomaCorrectionRequested', data: { recordedBy: 'lan.nguyen' } });
  });

  it('rule 32: the officer who recorded the request may not record the decision, nor the refusal (rule 29); another officer may', () => {
    given(diplomaDecider, requested)
      .when(decide, clerk)
      .thenRefusedWith('CORRECTION_DECIDED_BY_REQUESTER', { kind: 'forbidden', rule: 32, field: 'requestId' });
    given(diplomaDecider, requested).when(refuse, clerk).thenRefusedWith('CORRECTION_DECIDED_BY_REQUESTER', { kind: 'forbidden' });
    // The same officer in the signer role is still the same person.
    given(diplomaDecider, requested).when(decide, as('lan.nguyen', 'signer')).thenRefusedWith('CORRECTION_DECIDED_BY_REQUESTER');
    expect(diplomaDecider.decide(decide, requested.reduce(diplomaDecider.evolve, diplomaDecider.initialState), head)).toMatchObject([
      { type: 'DiplomaCorrected', data: { decisionNumber: '45/QĐ-SGDĐT' } },
    ]);
  });

  it('requests recorded before the rule carry no recorder and are decided as before', () => {
    const older = requested.map((e) => {
      const { recordedBy: _recordedBy, ...data } = e.data as { recordedBy?: string };
      return { ...e, data } as DiplomaEvent;
    });
    expect(diplomaDecider.decide(decide, older.reduce(diplomaDecider.evolve, diplomaDecider.initialState), clerk)).toHaveLength(1);
  });

  it('rules 41, 42: a revocation proposal records its proposer, who may not record the decision; the head does', () => {
    const proposed = [...diplomaDecider.decide(propose, diplomaDecider.initialState, clerk)];
    expect(proposed).toEqual([
      {
        type: 'DiplomaRevocationProposed',
        data: {
          diplomaId: THPT_2024.diplomaId,
          ground: 'fraud',
          reasons: 'Công văn 9/CV-CAHP: học bạ giả',
          source: 'police',
          proposedOn: '2026-01-28',
          proposedBy: 'lan.nguyen',
        },
      },
    ]);
    given(diplomaDecider, proposed)
      .when(revoke, clerk)
      .thenRefusedWith('REVOCATION_DECIDED_BY_PROPOSER', { kind: 'forbidden', rule: 42, field: 'decisionNumber' });
    expect(diplomaDecider.decide(revoke, proposed.reduce(diplomaDecider.evolve, diplomaDecider.initialState), head)).toMatchObject([
      { type: 'DiplomaRevoked', data: { decisionNumber: '99/QĐ-SGDĐT' } },
    ]);
  });

  it('one open proposal at a time: the same proposal again records nothing, another is refused; none on a revoked diploma', () => {
    const proposed = [...diplomaDecider.decide(propose, diplomaDecider.initialState, clerk)];
    given(diplomaDecider, proposed).when(propose, clerk).then([]);
    given(diplomaDecider, proposed)
      .when({ ...propose, ground: 'altered' }, head)
      .thenRefusedWith('REVOCATION_ALREADY_PROPOSED');
    const revoked = [
      ...proposed,
      ...diplomaDecider.decide(revoke, proposed.reduce(diplomaDecider.evolve, diplomaDecider.initialState), head),
    ];
    given(diplomaDecider, revoked).when(propose, head).thenRefusedWith('DIPLOMA_ALREADY_REVOKED', { rule: 45 });
    given(diplomaDecider)
      .when({ ...propose, ground: 'bad' as never }, clerk)
      .thenRefusedWith('INVALID_INPUT', { field: 'ground' });
  });
});
