import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { blankLotDecider, validateReceipt } from './blank-lot.decider';

/** Issue 16: the dates of a blank lot record facts that have happened; its people and places are text, not formulas. */
const receive = {
  type: 'ReceiveBlankLot' as const,
  lotId: 'lot-a',
  kind: 'THPT' as const,
  templateVersion: 'TT21-2019',
  prefix: 'HP',
  width: 7,
  from: 203401,
  to: 203420,
  authorityCode: 'SGD-HP',
  supplier: 'Nhà in Bộ GDĐT',
  deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
  receivedBy: 'Nguyễn Thị Lan',
  receivedOn: '2024-05-20',
};
const fieldCodes = (error: { problem: { fieldProblems?: readonly { field: string; code: string }[] } }) =>
  error.problem.fieldProblems?.map((p) => `${p.field}:${p.code}`);

describe('blank lot dates and names (issue 16)', () => {
  it('refuses a receipt dated 9999-12-31, or with a delivery note from the future', () => {
    const refusal = given(blankLotDecider)
      .when({ ...receive, receivedOn: '9999-12-31', deliveryNote: { number: 'PGH-1', date: '2999-01-01' } })
      .thenRefusedWith('INVALID_INPUT');
    expect(fieldCodes(refusal)).toEqual(['deliveryNote.date:DATE_IN_FUTURE', 'receivedOn:DATE_IN_FUTURE']);
  });

  it('refuses a receipt dated before 1945', () => {
    expect(
      fieldCodes(
        given(blankLotDecider)
          .when({ ...receive, receivedOn: '1900-05-20' })
          .thenRefusedWith('INVALID_INPUT'),
      ),
    ).toEqual(['receivedOn:DATE_TOO_EARLY']);
  });

  it('records a receipt dated the day before the act (the test context acts on 2026-11-22)', () => {
    const events = blankLotDecider.decide({ ...receive, receivedOn: '2026-11-21' }, blankLotDecider.initialState, TEST_CONTEXT);
    expect(events.map((e) => e.type)).toEqual(['BlankLotReceived']);
  });

  it('refuses a receiver or supplier that starts like a formula, before anything is claimed', () => {
    let thrown: unknown;
    try {
      validateReceipt({ ...receive, receivedBy: '=HYPERLINK("http://evil")', supplier: '@SUM(1)' }, '2024-05-20');
    } catch (error) {
      thrown = error;
    }
    expect(fieldCodes(thrown as never)).toEqual(['supplier:FORMULA_TRIGGER', 'receivedBy:FORMULA_TRIGGER']);
  });
});
