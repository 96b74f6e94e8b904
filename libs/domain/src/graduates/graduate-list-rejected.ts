import { DomainError } from '../shared/errors';
import type { RowProblem } from './row-problem';

/** The file had bad rows: every one is listed, and nothing was recorded. */
export class GraduateListRejected extends DomainError {
  constructor(readonly rowProblems: readonly RowProblem[]) {
    super({
      code: 'GRADUATE_LIST_REJECTED',
      kind: 'invalid_input',
      messageVi: `Danh sách có ${rowProblems.length} lỗi; chưa ghi nhận gì. Sửa các dòng được nêu rồi tải lên lại.`,
      messageEn: `The list has ${rowProblems.length} problems; nothing was recorded. Fix the rows listed and upload it again.`,
      field: 'file',
      fieldProblems: rowProblems.map((p) => ({
        field: `row ${p.row}: ${p.column}`,
        code: p.code,
        messageVi: p.messageVi,
        messageEn: p.messageEn,
      })),
    });
  }
}
