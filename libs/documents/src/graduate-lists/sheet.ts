/**
 * A spreadsheet reduced to what an import needs, whatever file it came from. Cells keep the type the
 * file gave them (a real date cell, a number that lost its leading zero), because turning them into
 * text depends on the column.
 */
export type SheetCell = string | number | Date | null;

export interface SheetRow {
  /** The row number the officer sees in Excel or LibreOffice (1-based, blank rows counted). */
  readonly row: number;
  /** Index 0 is column A. */
  readonly cells: readonly SheetCell[];
}
