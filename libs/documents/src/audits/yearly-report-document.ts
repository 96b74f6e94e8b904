import type { ReportCell, ReportColumn, ReportDocumentInput, ReportSection } from './report-document';
import { formatDateVi } from '../vietnamese/format';

interface Blanks {
  readonly opening: number;
  readonly received: number;
  readonly allocatedIn: number;
  readonly allocatedOut: number;
  readonly used: number;
  readonly spoiled: number;
  readonly destroyed: number;
  readonly lost: number;
  readonly returned: number;
  readonly onHand: number;
}

interface Kind {
  readonly kind: string;
  readonly blanks: Blanks;
  readonly copyBlanks: Blanks;
  readonly diplomas: {
    issued: number;
    notHandedOver: number;
    reissued: number;
    revoked: number;
    revokedByGround: Readonly<Record<string, number>>;
    corrected: number;
    copiesIssued: number;
  };
}

interface Authority {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly kinds: readonly Kind[];
  readonly verificationLettersAnswered: number;
  readonly openFindings: Readonly<Record<string, number>>;
}

/** The shape the read side (yearlyReport) produces, restated here so documents depend on the domain only. */
export interface YearlyReportDocumentInput {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly superiorName?: string;
  readonly place: string;
  readonly generatedAt: string;
  readonly from: string;
  readonly to: string;
  readonly authorities: readonly Authority[];
  readonly rolledUp: Authority;
  readonly preparedBy: string;
  readonly head: string;
}

export const YEARLY_REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH QUẢN LÝ PHÔI VÀ CẤP VĂN BẰNG';

const GROUND_VI: Record<string, string> = {
  fraud: 'gian lận',
  ineligible: 'không đủ điều kiện',
  unauthorised_issuer: 'cấp sai thẩm quyền',
  altered: 'tẩy xóa, sửa chữa',
  used_by_another: 'cho người khác sử dụng',
};
const KIND_VI: Record<string, string> = { THCS: 'Bằng tốt nghiệp THCS', THPT: 'Bằng tốt nghiệp THPT' };

const col = (title: string, width: number | 'rest', xlsxWidth: number, align?: ReportColumn['align']): ReportColumn => ({
  title,
  width,
  xlsxWidth,
  ...(align ? { align } : {}),
});

/**
 * TT21 Art. 13 (rule 15): the yearly report per issuer and kind — blanks, diplomas, copies, letters and
 * open audit findings — with the Sở's units side by side and a rolled-up line, signed off by the head.
 */
export function yearlyReportDocument(input: YearlyReportDocumentInput): ReportDocumentInput {
  const many = input.authorities.length > 1;
  const lines: { who: Authority; bold: boolean }[] = [
    ...input.authorities.map((who) => ({ who, bold: false })),
    ...(many ? [{ who: { ...input.rolledUp, authorityName: 'Cộng (đơn vị và các đơn vị trực thuộc)' }, bold: true }] : []),
  ];
  const perKind = (build: (who: Authority, kind: Kind) => ReportCell[]) => {
    const rows: ReportCell[][] = [];
    const bold: number[] = [];
    for (const { who, bold: b } of lines) {
      for (const kind of who.kinds) {
        if (b) bold.push(rows.length);
        rows.push([who.authorityName, KIND_VI[kind.kind] ?? kind.kind, ...build(who, kind)]);
      }
    }
    return { rows, boldRows: bold };
  };
  const unit = col('Đơn vị', 'rest', 36);
  const kind = col('Loại văn bằng', 92, 22);
  const n = (title: string) => col(title, 50, 11, 'right');
  const blankColumns = [
    unit,
    kind,
    n('Tồn đầu kỳ'),
    n('Nhận'),
    n('Được cấp trên giao'),
    n('Giao đơn vị'),
    n('Đã in văn bằng'),
    n('Hỏng'),
    n('Đã hủy'),
    n('Mất'),
    n('Trả lại'),
    n('Tồn cuối kỳ'),
  ];
  const blankRow = (b: Blanks): ReportCell[] => [
    b.opening,
    b.received,
    b.allocatedIn,
    b.allocatedOut,
    b.used,
    b.spoiled,
    b.destroyed,
    b.lost,
    b.returned,
    b.onHand,
  ];
  const sections: ReportSection[] = [
    { heading: 'I. Phôi văn bằng (bản chính)', columns: blankColumns, ...perKind((_, k) => blankRow(k.blanks)) },
    { heading: 'II. Phôi bản sao', columns: blankColumns, ...perKind((_, k) => blankRow(k.copyBlanks)) },
    {
      heading: 'III. Văn bằng và bản sao',
      columns: [
        unit,
        kind,
        n('Đã cấp'),
        n('Chưa phát'),
        n('Cấp lại'),
        n('Thu hồi, hủy bỏ'),
        col('Lý do thu hồi', 130, 30),
        n('Chỉnh sửa'),
        n('Bản sao đã cấp'),
      ],
      ...perKind((_, k) => [
        k.diplomas.issued,
        k.diplomas.notHandedOver,
        k.diplomas.reissued,
        k.diplomas.revoked,
        Object.entries(k.diplomas.revokedByGround)
          .map(([g, c]) => `${GROUND_VI[g] ?? g}: ${c}`)
          .join('; '),
        k.diplomas.corrected,
        k.diplomas.copiesIssued,
      ]),
    },
    {
      heading: 'IV. Xác minh văn bằng và kết quả tự kiểm tra',
      columns: [
        unit,
        n('Công văn xác minh đã trả lời'),
        n('Phát hiện rất nghiêm trọng chưa đóng'),
        n('Nghiêm trọng'),
        n('Trung bình'),
        n('Thấp'),
      ],
      rows: lines.map(({ who }) => [
        who.authorityName,
        who.verificationLettersAnswered,
        who.openFindings['critical'] ?? 0,
        who.openFindings['high'] ?? 0,
        who.openFindings['medium'] ?? 0,
        who.openFindings['low'] ?? 0,
      ]),
      boldRows: many ? [lines.length - 1] : [],
      note: 'Phát hiện: các dấu hiệu gian lận văn bằng, phôi do hệ thống tự kiểm tra (F1–F14); chi tiết trong danh sách phát hiện kèm theo.',
    },
  ];
  return {
    authorityCode: input.authorityCode,
    authorityName: input.authorityName,
    ...(input.superiorName ? { superiorName: input.superiorName } : {}),
    reference: `BC-${input.to.slice(0, 4)}/${input.authorityCode}`,
    title: YEARLY_REPORT_TITLE,
    subtitles: [
      `Kỳ báo cáo: từ ngày ${formatDateVi(input.from)} đến ngày ${formatDateVi(input.to)}`,
      '(Theo Điều 13 Thông tư 21/2019/TT-BGDĐT)',
    ],
    generatedAt: input.generatedAt,
    place: input.place,
    orientation: 'landscape',
    sections,
    signatures: [
      { role: 'Người lập biểu', name: input.preparedBy },
      { role: 'Thủ trưởng đơn vị', name: input.head },
    ],
  };
}
