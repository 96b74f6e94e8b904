import { formatBirthDateVi, parseBirthDate, type Sex, type TrainingMode } from '@so-goc/domain';
import { formatDateVi } from '../vietnamese/format';
import { reasonLabel } from '../vietnamese/labels';
import type { RegisterNote } from './register-book-export';

// Typed against the domain's unions so a new sex or mode fails to compile until it has a label.
const SEX_LABELS: Readonly<Record<Sex, string>> = { male: 'Nam', female: 'Nữ' };
const TRAINING_MODE_LABELS: Readonly<Record<TrainingMode, string>> = { regular: 'Chính quy', continuing: 'Giáo dục thường xuyên' };

export const sexLabel = (sex: Sex): string => SEX_LABELS[sex];
export const trainingModeLabel = (mode: TrainingMode): string => TRAINING_MODE_LABELS[mode];

/**
 * Old records kept only the month or the year of birth, and the register must print exactly what is
 * known (18/09/2006, 09/2006, 2006). A malformed value throws like formatDateVi: a guessed date must
 * never reach a permanent register.
 */
export function formatRegisterBirthDate(value: string): string {
  const parsed = parseBirthDate(value);
  if (!parsed.ok) throw new RangeError(`Not a birth date (yyyy-mm-dd, yyyy-mm or yyyy): ${JSON.stringify(value)}`);
  return formatBirthDateVi(parsed.value);
}

// Units arrive both as "Công an phường Lê Chân" and as "phường Lê Chân"; never print "Công an Công an".
const policeLabel = (unit: string): string => (/^công an\b/iu.test(unit.trim()) ? unit.trim() : `Công an ${unit.trim()}`);

// A note type added upstream before it has wording here still reaches the paper, as its raw content.
const unknownNote = (note: never): string => JSON.stringify(note);

/** The wording of a note in the "Ghi chú" column of the original register. */
export function registerNoteLabel(note: RegisterNote): string {
  switch (note.type) {
    case 'serial_replaced':
      return `Phôi ${note.oldSerial} in hỏng (${reasonLabel(note.reason)}) ngày ${formatDateVi(note.on)}, thay bằng phôi ${note.newSerial}`;
    case 'received_by_proxy':
      return note.authorisationRef
        ? `Người nhận thay: ${note.proxyName} (giấy ủy quyền ${note.authorisationRef})`
        : `Người nhận thay: ${note.proxyName}`;
    case 'lost_before_delivery':
      return `Mất trước khi phát, biên bản ${note.minutesRef} ngày ${formatDateVi(note.on)}, đã báo ${policeLabel(note.policeUnit)}`;
    case 'corrected':
      return `Đã chỉnh sửa theo QĐ ${note.decisionNumber} ngày ${formatDateVi(note.decisionDate)}, ${note.appendixRow === null ? 'xem phụ lục sổ gốc' : `xem phụ lục dòng ${note.appendixRow}`}`;
    case 'reissued':
      return `Cấp lại theo QĐ ${note.decisionNumber} ngày ${formatDateVi(note.decisionDate)}: số hiệu mới ${note.newSerial}, số vào sổ mới ${note.newRegisterNumber}`;
    case 'revoked':
      return `Đã thu hồi, hủy bỏ theo QĐ ${note.decisionNumber} ngày ${formatDateVi(note.decisionDate)}${note.ground.trim() === '' ? '' : ` (lý do: ${note.ground.trim()})`}`;
    default:
      return unknownNote(note);
  }
}

/** One note per line, in the order they happened, so each reads on its own. */
export const registerNotesText = (notes: readonly RegisterNote[]): string => notes.map(registerNoteLabel).join('\n');
