import type { FieldProblem } from '../shared/errors';

/**
 * One thing wrong with one row of an imported list. `row` is the spreadsheet's own row number (the
 * header is usually row 1) so the officer can go straight to it in Excel; `column` is the header as
 * written in the file. Problems about the file as a whole use row 0.
 */
export interface RowProblem extends FieldProblem {
  readonly row: number;
  readonly column: string;
  /** The offending cell as read (after NFC and trimming), when quoting it helps. */
  readonly value?: string;
}

export function byRowThenColumn(order: readonly string[]): (a: RowProblem, b: RowProblem) => number {
  const position = (problem: RowProblem) => {
    const index = order.indexOf(problem.field);
    return index < 0 ? order.length : index;
  };
  return (a, b) => a.row - b.row || position(a) - position(b);
}
