/** One ledger line as the read side (blank-ledger queries) produces it. */
export interface LedgerExportRow {
  date: string;
  /** receipt | allocation_in | allocation_out | bound | spoiled | recovered_for_destruction | destroyed | lost | returned */
  movement: string;
  document: string | null;
  /** THCS | THPT | THCS_COPY | THPT_COPY */
  kind: string;
  lotId: string;
  /** "HP 0200001–HP 0212000" */
  range: string;
  quantity: number;
  counterpart: string | null;
  balanceAfter: number;
  note: string | null;
}

export interface LedgerExportInput {
  authorityCode: string;
  authorityName: string;
  /** The governing body above the authority's name (Nghị định 30/2020). */
  superiorName?: string | null;
  kind?: string;
  from?: string;
  to?: string;
  /** ISO instant: printed on the document and used as the file's own dates, so re-exports are byte-identical. */
  generatedAt: string;
  rows: LedgerExportRow[];
}

export const LEDGER_TITLE = 'SỔ QUẢN LÝ PHÔI VĂN BẰNG';

export const LEDGER_COLUMNS = [
  'STT',
  'Ngày',
  'Nghiệp vụ',
  'Số chứng từ',
  'Loại phôi',
  'Lô phôi',
  'Số hiệu phôi (từ – đến)',
  'Số lượng',
  'Đơn vị giao/nhận',
  'Tồn sau nghiệp vụ',
  'Ghi chú',
] as const;
