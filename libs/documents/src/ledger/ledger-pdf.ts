import { PageSizes } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { PageFlow } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { drawTable, type TableColumn, type TableRow } from '../pdf/table';
import { formatDateVi, formatInstantVi, formatNumberVi, periodLabelVi } from '../vietnamese/format';
import { kindLabel, ledgerNoteLabel, movementLabel } from '../vietnamese/labels';
import { LEDGER_COLUMNS, LEDGER_TITLE, type LedgerExportInput } from './ledger-export';

const [A4_SHORT, A4_LONG] = PageSizes.A4;
const LANDSCAPE: [number, number] = [A4_LONG, A4_SHORT];
// Narrow side margins give the notes column room; 11 mm on the left still clears a hole punch.
const MARGINS = { top: 36, right: 24, bottom: 40, left: 32 };
const TABLE_SIZE = 8;
// Points, for every column but the last (notes), which takes what is left. Sized so that a date, a
// movement, a kind, a lot, a full serial range and a district office's name each fit on one line of
// DejaVu Serif at 8 pt; free-text notes wrap instead.
const FIXED_WIDTHS = [24, 56, 80, 68, 97, 54, 114, 40, 118, 46];
const ALIGN: Partial<Record<number, TableColumn['align']>> = { 0: 'center', 1: 'center', 7: 'right', 9: 'right' };

function columns(contentWidth: number): TableColumn[] {
  const fixed = FIXED_WIDTHS.reduce((sum, w) => sum + w, 0);
  return LEDGER_COLUMNS.map((title, i) => ({ title, width: FIXED_WIDTHS[i] ?? contentWidth - fixed, align: ALIGN[i] }));
}

function drawTitleBlock(flow: PageFlow, input: LedgerExportInput, fonts: SerifFonts): void {
  if (input.superiorName) flow.paragraph(input.superiorName.toUpperCase(), { font: fonts.regular, size: 10 });
  flow.paragraph(input.authorityName, { font: fonts.bold, size: 11 });
  flow.space(6);
  flow.paragraph(LEDGER_TITLE, { font: fonts.bold, size: 15, align: 'center' });
  flow.paragraph(`Loại phôi: ${input.kind ? kindLabel(input.kind) : 'Tất cả các loại phôi'}`, {
    font: fonts.regular,
    size: 10.5,
    align: 'center',
  });
  flow.paragraph(periodLabelVi(input.from, input.to, input.generatedAt), { font: fonts.regular, size: 10.5, align: 'center' });
  flow.paragraph(`Lập lúc ${formatInstantVi(input.generatedAt)}`, { font: fonts.regular, size: 9, align: 'right' });
  flow.space(4);
}

const toTableRow = (r: LedgerExportInput['rows'][number], i: number): TableRow => ({
  cells: [
    String(i + 1),
    formatDateVi(r.date),
    movementLabel(r.movement),
    r.document ?? '',
    kindLabel(r.kind),
    r.lotId,
    r.range,
    formatNumberVi(r.quantity),
    r.counterpart ?? '',
    formatNumberVi(r.balanceAfter),
    ledgerNoteLabel(r.note),
  ],
});

export async function ledgerToPdf(raw: LedgerExportInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const doc = await createPdf({
    title: `${LEDGER_TITLE} – ${input.authorityName}`,
    author: input.authorityName,
    subject: `Sổ quản lý phôi văn bằng của ${input.authorityName} (${input.authorityCode})`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const runningHead = `${input.authorityName} – ${LEDGER_TITLE} – ${periodLabelVi(input.from, input.to, input.generatedAt)}`;
  const flow = new PageFlow(doc, LANDSCAPE, MARGINS, (f, index) => {
    if (index > 0) f.paragraph(runningHead, { font: fonts.regular, size: 8.5 });
    f.space(index > 0 ? 4 : 0);
  });
  flow.newPage();
  drawTitleBlock(flow, input, fonts);
  drawTable(flow, columns(flow.width), input.rows.map(toTableRow), fonts, TABLE_SIZE);
  flow.numberPages({ font: fonts.regular, size: 9 });
  return savePdf(doc);
}
