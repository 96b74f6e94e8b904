import type { ReportDocumentInput, ReportSection } from '../audits/report-document';
import { formatDateVi } from '../vietnamese/format';

/** One line of the recognition register: a recognised document (numbered) or a written refusal. */
export interface RecognitionRegisterRow {
  readonly documentNumber: string | null;
  readonly decidedOn: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly idDocument: string;
  readonly foreignDiploma: string;
  readonly issuerAndCountry: string;
  readonly foreignIssuedOn: string;
  readonly receivedOn: string;
  readonly verification: string;
  /** "Tương đương bằng tốt nghiệp THPT" or "Từ chối: <reasons>". */
  readonly outcome: string;
  readonly signer: string;
  readonly late: boolean;
}

export interface RecognitionRegisterExportInput {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly superiorName?: string;
  readonly place: string;
  readonly year: number;
  readonly generatedAt: string;
  readonly rows: readonly RecognitionRegisterRow[];
}

export const RECOGNITION_REGISTER_TITLE = 'SỔ THEO DÕI CÔNG NHẬN VĂN BẰNG DO CƠ SỞ GIÁO DỤC NƯỚC NGOÀI CẤP';

/** The register as the Sở prints and files it (XLSX and PDF from the same input). */
export function recognitionRegisterReport(input: RecognitionRegisterExportInput): ReportDocumentInput {
  const section: ReportSection = {
    heading: `Năm ${input.year}: ${input.rows.filter((r) => r.documentNumber).length} công nhận, ${input.rows.filter((r) => !r.documentNumber).length} từ chối`,
    columns: [
      { title: 'STT', width: 26, xlsxWidth: 6, align: 'center' },
      { title: 'Số giấy công nhận', width: 70, xlsxWidth: 18 },
      { title: 'Ngày quyết định', width: 52, xlsxWidth: 13, align: 'center' },
      { title: 'Họ và tên', width: 80, xlsxWidth: 24 },
      { title: 'Ngày sinh', width: 52, xlsxWidth: 12, align: 'center' },
      { title: 'Giấy tờ tùy thân', width: 70, xlsxWidth: 18 },
      { title: 'Văn bằng', width: 70, xlsxWidth: 24 },
      { title: 'Cơ sở cấp, nước', width: 'rest', xlsxWidth: 36 },
      { title: 'Ngày cấp', width: 50, xlsxWidth: 12, align: 'center' },
      { title: 'Nhận hồ sơ', width: 50, xlsxWidth: 12, align: 'center' },
      { title: 'Xác minh', width: 70, xlsxWidth: 24 },
      { title: 'Kết quả', width: 100, xlsxWidth: 40 },
      { title: 'Người ký', width: 60, xlsxWidth: 20 },
    ],
    rows: input.rows.map((r, i) => [
      i + 1,
      r.documentNumber ?? '—',
      formatDateVi(r.decidedOn),
      r.fullName,
      formatDateVi(r.birthDate),
      r.idDocument,
      r.foreignDiploma,
      r.issuerAndCountry,
      formatDateVi(r.foreignIssuedOn),
      formatDateVi(r.receivedOn),
      r.verification,
      `${r.outcome}${r.late ? ' (quá hạn)' : ''}`,
      r.signer,
    ]),
    note: 'Căn cứ: Thông tư 13/2021/TT-BGDĐT, sửa đổi bởi Thông tư 07/2024/TT-BGDĐT. Số giấy công nhận liên tục trong năm; hồ sơ bị từ chối ghi lý do, không có số.',
  };
  return {
    authorityCode: input.authorityCode,
    authorityName: input.authorityName,
    ...(input.superiorName ? { superiorName: input.superiorName } : {}),
    reference: `CNVB-${input.year}`,
    title: RECOGNITION_REGISTER_TITLE,
    subtitles: [`Năm ${input.year}`],
    generatedAt: input.generatedAt,
    place: input.place,
    orientation: 'landscape',
    sections: [section],
    signatures: [
      { role: 'Người lập sổ', name: '' },
      { role: 'Thủ trưởng đơn vị', name: '' },
    ],
  };
}
