import type { BuiltInBlankKind, BlankStatus, SpoilageReason } from '@so-goc/domain';

export const MOVEMENT_LABELS: Readonly<Record<string, string>> = {
  receipt: 'Nhận phôi',
  allocation_in: 'Nhận từ cấp trên',
  allocation_out: 'Giao cho đơn vị',
  bound: 'In văn bằng',
  spoiled: 'Hỏng',
  recovered_for_destruction: 'Thu về để huỷ',
  destroyed: 'Huỷ',
  lost: 'Mất',
  returned: 'Trả nhà cung cấp',
};

// Typed against the domain's unions so a new kind or reason fails to compile until it has a label.
// A blank kind added as data (issue 18) has no label here and prints as its code.
const KIND_LABELS: Readonly<Record<BuiltInBlankKind, string>> = {
  THCS: 'Bằng tốt nghiệp THCS',
  THPT: 'Bằng tốt nghiệp THPT',
  THCS_COPY: 'Bản sao bằng tốt nghiệp THCS',
  THPT_COPY: 'Bản sao bằng tốt nghiệp THPT',
  'CC-NN': 'Chứng chỉ ngoại ngữ',
  'CC-UDCNTT': 'Chứng chỉ ứng dụng công nghệ thông tin',
};

const REASON_LABELS: Readonly<Record<SpoilageReason, string>> = {
  damaged_at_receipt: 'Hỏng khi nhận phôi',
  damaged: 'Hư hỏng',
  misprint: 'In sai',
  poor_quality: 'Kém chất lượng',
  obsolete_template: 'Mẫu phôi hết hiệu lực',
  signed_but_wrong: 'Văn bằng đã ký nhưng ghi sai',
  revoked_and_recovered: 'Văn bằng bị thu hồi, đã nộp lại',
};

const STATE_LABELS: Readonly<Record<BlankStatus, string>> = {
  missing: 'Thiếu khi nhận',
  in_stock: 'Chưa sử dụng (trong kho)',
  reserved: 'Đã xuất để in',
  bound: 'Đã in, đã ký (chưa phát)',
  spoiled: 'Hỏng, chờ huỷ',
  destroyed: 'Đã huỷ',
  lost: 'Mất',
  returned: 'Đã trả nhà cung cấp',
};

export const NO_REASON_LABEL = 'Không ghi lý do';

// Unknown codes print as they are: a raw code on paper is better than a silently dropped fact.
const lookup = (labels: Readonly<Record<string, string>>, code: string): string =>
  Object.hasOwn(labels, code) ? (labels[code] as string) : code;

export const movementLabel = (code: string): string => lookup(MOVEMENT_LABELS, code);
export const kindLabel = (code: string): string => lookup(KIND_LABELS, code);
export const stateLabel = (code: string): string => lookup(STATE_LABELS, code);
export const reasonLabel = (code: string): string => (code.trim() === '' ? NO_REASON_LABEL : lookup(REASON_LABELS, code));

/** The projection stores the spoilage reason code as the note of receipt-time damage; print it in words. */
/**
 * A ledger note is a reason code, or "code: the officer's words" for a spoiled blank; the code is printed
 * in words either way (issue 17: "misprint: …" reached the paper in English).
 */
export function ledgerNoteLabel(note: string | null): string {
  if (note === null) return '';
  if (Object.hasOwn(REASON_LABELS, note)) return reasonLabel(note);
  const coded = /^([a-z_]+): ([\s\S]*)$/u.exec(note);
  if (coded && Object.hasOwn(REASON_LABELS, coded[1]!))
    return coded[2]!.trim() === '' ? reasonLabel(coded[1]!) : `${reasonLabel(coded[1]!)}: ${coded[2]!.trim()}`;
  return note;
}
