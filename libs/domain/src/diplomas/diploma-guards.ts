import { DomainError } from '../shared/errors';
import type { IssuedDiploma } from './diploma';
import type { DiplomaState } from './diploma-state';

const ACT_VI: Record<string, string> = {
  correct: 'chỉnh sửa',
  revoke: 'thu hồi',
  reissue: 'cấp lại',
  deliver: 'phát',
  digital: 'cấp bản điện tử cho',
};
const ACT_EN: Record<string, string> = { correct: 'corrected', revoke: 'revoked', reissue: 'reissued', digital: 'issued digitally' };

/**
 * Acts after issuance need an issued diploma that is still alive: revocation is terminal (rule 45) and
 * a superseded diploma is corrected through its replacement (rule 34).
 */
export function requireIssuedAndLive(issued: IssuedDiploma, state: DiplomaState, act: 'correct' | 'revoke' | 'reissue' | 'digital'): void {
  if (issued.issueDate === null) {
    throw new DomainError({
      code: 'DIPLOMA_NOT_ISSUED',
      kind: 'rule_violation',
      messageVi: 'Văn bằng chưa được cấp.',
      messageEn: 'The diploma has not been issued.',
      field: 'diplomaId',
      rule: 5,
    });
  }
  if (state.status === 'superseded') {
    throw new DomainError({
      code: 'DIPLOMA_SUPERSEDED',
      kind: 'rule_violation',
      messageVi: `Văn bằng đã được thay bằng văn bằng số hiệu ${state.replacedBy?.serialLabel}; không ${ACT_VI[act]} văn bằng cũ.`,
      messageEn: `The diploma was replaced by serial ${state.replacedBy?.serialLabel}; the old one cannot be ${ACT_EN[act]}.`,
      field: 'diplomaId',
      rule: act === 'correct' ? 34 : 45,
    });
  }
  if (state.status === 'revoked') {
    throw new DomainError({
      code: 'DIPLOMA_REVOKED',
      kind: 'rule_violation',
      messageVi: `Văn bằng đã bị thu hồi, hủy bỏ theo quyết định ${state.revocation?.decisionNumber} ngày ${state.revocation?.decisionDate}; không ${ACT_VI[act]} được nữa.`,
      messageEn: `The diploma was revoked by decision ${state.revocation?.decisionNumber} of ${state.revocation?.decisionDate}; nothing more can be done to it.`,
      field: 'diplomaId',
      rule: act === 'correct' ? 34 : 45,
    });
  }
}
