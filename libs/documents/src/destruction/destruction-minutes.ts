import { reasonLabel } from '../vietnamese/labels';

export interface DestructionMinutesInput {
  authorityCode: string;
  authorityName: string;
  /** The governing body above the issuer's name (Nghị định 30/2020): "Ủy ban nhân dân thành phố Hải Phòng". */
  superiorName?: string | null;
  minutesRef: string;
  councilDecision: { number: string; date: string };
  members: { fullName: string; title: string; role: string }[];
  method: string;
  place: string;
  destroyedOn: string;
  items: { kind: string; lotId: string; range: string; quantity: number; stateBefore: string; reason: string }[];
  /** ISO instant: used as the file's own dates, so re-exports are byte-identical. */
  generatedAt: string;
}

export const MINUTES_TITLE = 'BIÊN BẢN HUỶ PHÔI VĂN BẰNG';
export const NATIONAL_NAME = 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export const ITEM_COLUMNS = [
  'STT',
  'Loại phôi',
  'Lô phôi',
  'Số hiệu phôi (từ – đến)',
  'Số lượng',
  'Tình trạng trước khi huỷ',
  'Lý do huỷ',
] as const;
export const MEMBER_COLUMNS = ['STT', 'Họ và tên', 'Chức vụ', 'Vai trò trong Hội đồng', 'Chữ ký'] as const;

export interface ReasonTotal {
  readonly reason: string;
  readonly label: string;
  readonly quantity: number;
}

/** Totals by reason (§4.5), in the order reasons first appear so the summary reads like the table above it. */
export function totalsByReason(items: DestructionMinutesInput['items']): ReasonTotal[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.reason, (totals.get(item.reason) ?? 0) + item.quantity);
  return [...totals].map(([reason, quantity]) => ({ reason, label: reasonLabel(reason), quantity }));
}

export const totalQuantity = (items: DestructionMinutesInput['items']): number => items.reduce((sum, item) => sum + item.quantity, 0);
