import type { ReportDocumentInput, ReportSection } from './report-document';
import { formatDateVi } from '../vietnamese/format';

export interface FindingExportRow {
  readonly severity: string;
  readonly pattern: string;
  readonly authorityCode: string;
  readonly subject: string;
  readonly summary: string;
  readonly policeReferral: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly occurrences: number;
  readonly state: string;
  readonly assignee: string | null;
}

export interface FindingsExportInput {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly generatedAt: string;
  readonly place: string;
  readonly filterLabel: string;
  readonly rows: readonly FindingExportRow[];
}

const SEVERITY_VI: Record<string, string> = { critical: 'Rất nghiêm trọng', high: 'Nghiêm trọng', medium: 'Trung bình', low: 'Thấp' };
const STATE_VI: Record<string, string> = { open: 'Mới', acknowledged: 'Đã tiếp nhận', closed: 'Đã đóng' };
export const FINDINGS_TITLE = 'DANH SÁCH PHÁT HIỆN KIỂM TRA GIAN LẬN VĂN BẰNG, PHÔI';

/** The open findings as the office prints them for its head or hands them to the inspectors. */
export function findingsReport(input: FindingsExportInput): ReportDocumentInput {
  const section: ReportSection = {
    heading: `Các phát hiện (${input.rows.length})`,
    columns: [
      { title: 'STT', width: 30, xlsxWidth: 6, align: 'center' },
      { title: 'Mức độ', width: 58, xlsxWidth: 16 },
      { title: 'Dấu hiệu', width: 36, xlsxWidth: 9, align: 'center' },
      { title: 'Đơn vị', width: 52, xlsxWidth: 12 },
      { title: 'Đối tượng', width: 78, xlsxWidth: 20 },
      { title: 'Nội dung', width: 'rest', xlsxWidth: 70 },
      { title: 'Báo công an', width: 40, xlsxWidth: 10, align: 'center' },
      { title: 'Phát hiện lần đầu', width: 54, xlsxWidth: 14, align: 'center' },
      { title: 'Lần gần nhất', width: 54, xlsxWidth: 14, align: 'center' },
      { title: 'Số lần', width: 34, xlsxWidth: 8, align: 'right' },
      { title: 'Trạng thái / người xử lý', width: 70, xlsxWidth: 20 },
    ],
    rows: input.rows.map((r, i) => [
      i + 1,
      SEVERITY_VI[r.severity] ?? r.severity,
      r.pattern,
      r.authorityCode,
      r.subject,
      r.summary,
      r.policeReferral ? 'Có' : '',
      formatDateVi(r.firstSeen.slice(0, 10)),
      formatDateVi(r.lastSeen.slice(0, 10)),
      r.occurrences,
      `${STATE_VI[r.state] ?? r.state}${r.assignee ? ` – ${r.assignee}` : ''}`,
    ]),
    note: 'Dấu hiệu theo bảng F1–F14 (gian lận văn bằng, phôi). "Báo công an": phôi hoặc văn bằng đã mất, đã hủy xuất hiện trở lại (TT21 Điều 13).',
  };
  return {
    authorityCode: input.authorityCode,
    authorityName: input.authorityName,
    reference: `KT-${input.generatedAt.slice(0, 10)}`,
    title: FINDINGS_TITLE,
    subtitles: [input.filterLabel],
    generatedAt: input.generatedAt,
    place: input.place,
    orientation: 'landscape',
    sections: [section],
    signatures: [
      { role: 'Người lập', name: '' },
      { role: 'Thủ trưởng đơn vị', name: '' },
    ],
  };
}
