/**
 * An office report as the Sở files it (the findings list, the yearly report of TT21 Art. 13): the
 * issuer and reference on the left, the national motto on the right, a title, tables, and the
 * signatures of whoever drew it up and the head who signs it off. One input, two renderings (PDF, XLSX).
 */
export interface ReportColumn {
  readonly title: string;
  /** Points in the PDF; 'rest' takes what the others leave. */
  readonly width: number | 'rest';
  /** Characters in the spreadsheet. */
  readonly xlsxWidth: number;
  readonly align?: 'left' | 'center' | 'right';
}

export type ReportCell = string | number;

export interface ReportSection {
  readonly heading: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** Rows drawn bold (totals). */
  readonly boldRows?: readonly number[];
  readonly note?: string;
}

export interface ReportDocumentInput {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly superiorName?: string;
  readonly reference: string;
  readonly title: string;
  readonly subtitles: readonly string[];
  /** ISO instant: printed, and used for the files' own dates so that re-exports are byte-identical. */
  readonly generatedAt: string;
  readonly place: string;
  readonly orientation: 'portrait' | 'landscape';
  readonly sections: readonly ReportSection[];
  readonly signatures: readonly { readonly role: string; readonly name: string }[];
}
