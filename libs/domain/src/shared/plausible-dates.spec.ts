import type { CommandContext } from './command-context';
import { actedOnOf, pastDateProblems, requirePastDate } from './plausible-dates';
import { requirePersonText } from './validation';

const codeOf = (problem: { code: string } | undefined) => problem?.code;

describe('requirePastDate: a recorded fact happened by the day it is recorded (issue 16)', () => {
  it('refuses receivedOn 9999-12-31 and anything after the next day', () => {
    expect(codeOf(requirePastDate('receivedOn', '9999-12-31', '2024-05-20'))).toBe('DATE_IN_FUTURE');
    expect(codeOf(requirePastDate('receivedOn', '2024-05-22', '2024-05-20'))).toBe('DATE_IN_FUTURE');
  });

  it('accepts the day itself, earlier days, and the next day (clock drift around midnight)', () => {
    expect(['2024-05-20', '2024-05-21', '2019-01-02', '1945-09-02'].map((d) => requirePastDate('receivedOn', d, '2024-05-20'))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses a date before the state existed, or before a bound of the field', () => {
    expect(codeOf(requirePastDate('receivedOn', '1900-01-01', '2024-05-20'))).toBe('DATE_TOO_EARLY');
    expect(codeOf(requirePastDate('receivedOn', '1999-12-31', '2024-05-20', '2000-01-01'))).toBe('DATE_TOO_EARLY');
  });

  it('leaves what is not a date to requireIsoDate, so it is reported once', () => {
    expect(requirePastDate('receivedOn', '20/05/2024', '2024-05-20')).toBeUndefined();
  });

  it('finds the …On fields and the dates of cited documents in a command', () => {
    const command = {
      type: 'ReceiveBlankLot',
      receivedOn: '9999-12-31',
      deliveryNote: { number: 'PGH-1', date: '3000-01-01' },
      validTo: '2099-01-01',
    };
    expect(pastDateProblems(command, '2024-05-20').map((p) => `${p.field}:${p.code}`)).toEqual([
      'receivedOn:DATE_IN_FUTURE',
      'deliveryNote.date:DATE_IN_FUTURE',
    ]);
  });

  it('takes the day of the act in Vietnam from the command context', () => {
    const context = { occurredAt: '2024-05-20T18:30:00.000Z' } as CommandContext;
    expect(actedOnOf(context)).toBe('2024-05-21');
  });
});

describe('requirePersonText: names, places and organisations (issue 16)', () => {
  it.each(['=HYPERLINK("x")', '+cmd|x', '-1', '@SUM(1)'])('refuses %j as a formula trigger', (value) => {
    expect(codeOf(requirePersonText('receivedBy', value, 120))).toBe('FORMULA_TRIGGER');
  });

  it('refuses control characters and markup, and accepts real names', () => {
    expect(codeOf(requirePersonText('receivedBy', 'Lan\u0000', 120))).toBe('FORBIDDEN_CHARACTERS');
    expect(codeOf(requirePersonText('receivedBy', '<b>Lan</b>', 120))).toBe('FORBIDDEN_CHARACTERS');
    expect(requirePersonText('receivedBy', 'Nguyễn Thị Lan', 120)).toBeUndefined();
    expect(requirePersonText('supplier', 'Công ty In - Phát hành', 120)).toBeUndefined();
  });
});
