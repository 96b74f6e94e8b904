import { given } from '../testing/given-when-then';
import { PROVINCE, THPT_2024 } from '../testing/after-issuance-fixtures';
import type { DiplomaEvent } from './diploma';
import { diplomaDecider } from './diploma.decider';
import { reissueRegisterLabel } from './reissue';

const reissue = (overrides: Record<string, unknown> = {}) => ({
  type: 'ReissueDiploma' as const,
  issued: THPT_2024,
  decisionNumber: '7/QĐ-SGDĐT',
  decisionDate: '2026-01-05',
  issuerError: 'Ghi sai tên đệm so với quyết định công nhận tốt nghiệp (lỗi của cơ quan cấp)',
  changes: [{ field: 'fullName' as const, after: 'Nguyễn Thị Thu Thuỷ' }],
  newDiplomaId: `${THPT_2024.diplomaId}-r1`,
  newSerialLabel: 'HP 0205001',
  actingAuthorityCode: 'SGD-HP',
  directory: PROVINCE,
  ...overrides,
});

describe('Reissue (rules 36–39)', () => {
  it('rules 38, 39: the old diploma is revoked for the issuer’s error and superseded by a new serial and an appendix number', () => {
    const events = diplomaDecider.decide(reissue(), diplomaDecider.initialState, undefined as never);
    expect(events.map((e) => e.type)).toEqual(['DiplomaRevoked', 'DiplomaReissued']);
    expect(events[0]).toMatchObject({ data: { ground: 'issuer_error', source: 'issuer' } });
    expect(events[1]).toMatchObject({
      data: {
        newSerialLabel: 'HP 0205001',
        newRegisterLabel: '000417/THPT-2024/1',
        changes: [{ field: 'fullName', before: 'Nguyễn Thị Thuỷ', after: 'Nguyễn Thị Thu Thuỷ' }],
      },
    });
    const state = events.reduce(diplomaDecider.evolve, diplomaDecider.initialState);
    expect(state.status).toBe('superseded');
  });

  it('rule 36: no reissue without the issuer’s error', () => {
    given(diplomaDecider)
      .when(reissue({ issuerError: '' }))
      .thenRefusedWith('INVALID_INPUT', { field: 'issuerError' });
  });

  it('rule 39: the new diploma goes on a new blank', () => {
    given(diplomaDecider)
      .when(reissue({ newSerialLabel: 'HP 0203418' }))
      .thenRefusedWith('REISSUE_NEEDS_NEW_BLANK', { rule: 39 });
  });

  it('rule 36: the head of the authority holding the register decides; another Sở cannot', () => {
    given(diplomaDecider)
      .when(reissue({ actingAuthorityCode: 'SGD-QN' }))
      .thenRefusedWith('NOT_REGISTER_HOLDER');
  });

  it('rule 39: a replacement’s own replacement numbers on from the original', () => {
    expect(reissueRegisterLabel('000417/THPT-2024')).toBe('000417/THPT-2024/1');
    expect(reissueRegisterLabel('000417/THPT-2024/1')).toBe('000417/THPT-2024/2');
  });

  it('rule 1: a superseded diploma is not reissued a second time', () => {
    const history: DiplomaEvent[] = [...diplomaDecider.decide(reissue(), diplomaDecider.initialState, undefined as never)];
    given(diplomaDecider, history).when(reissue()).thenRefusedWith('DIPLOMA_SUPERSEDED');
  });
});
