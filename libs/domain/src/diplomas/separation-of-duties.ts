import type { CommandContext } from '../shared/command-context';
import { DomainError } from '../shared/errors';

/**
 * Issue 17 item 7, separation of duties for decisions after issuance. A correction is decided by the
 * head of the body that manages the sổ gốc (rule 32, TT21 Art. 23) and a revocation by the head of the
 * issuing body, in a decision stating its reasons (rules 41, 42, TT21 Art. 25): the officer who received
 * the correction dossier, or proposed the revocation, prepares the file; someone else records the
 * decision. domain.md has no separate four-eyes rule; it follows from the decision being the head's act,
 * not the clerk's. Refused as 403: nothing is recorded.
 */
export function requireDeciderOtherThan(
  preparedBy: string | null | undefined,
  context: CommandContext | undefined,
  act: 'correction' | 'revocation',
  field: string,
): void {
  if (!preparedBy || !context || context.actor.officerId !== preparedBy) return;
  throw act === 'correction'
    ? new DomainError({
        code: 'CORRECTION_DECIDED_BY_REQUESTER',
        kind: 'forbidden',
        messageVi: 'Cán bộ đã tiếp nhận hồ sơ đề nghị chỉnh sửa không được tự ghi nhận quyết định; người có thẩm quyền quyết định.',
        messageEn: 'The officer who recorded the correction request may not record its decision; the competent head decides.',
        field,
        rule: 32,
      })
    : new DomainError({
        code: 'REVOCATION_DECIDED_BY_PROPOSER',
        kind: 'forbidden',
        messageVi: 'Cán bộ đã đề xuất thu hồi không được tự ghi nhận quyết định thu hồi; người có thẩm quyền quyết định.',
        messageEn: 'The officer who proposed the revocation may not record its decision; the competent head decides.',
        field,
        rule: 42,
      });
}
