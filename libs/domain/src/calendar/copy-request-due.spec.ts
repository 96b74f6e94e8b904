import { DomainError } from '../shared/errors';
import { BASELINE_CALENDAR_STATE, calendarFromState } from './holiday-calendar';
import { copyRequestDue, type CopyRequestTiming } from './copy-request-due';

const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

function refusal(timing: CopyRequestTiming): DomainError['problem'] {
  try {
    copyRequestDue(calendar, timing);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).problem;
  }
  throw new Error('expected a refusal');
}

describe('Copy request due time (rule 49, docs/domain.md §2.8)', () => {
  it('rule 49: a counter request received by 15:00 on a working day is due the same day at 17:00 Vietnam time', () => {
    // 08:00Z is 15:00 in Hà Nội: still "by 15:00".
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-20T08:00:00Z' })).toEqual({
      dueBy: '2026-11-20T10:00:00.000Z',
      dueDate: '2026-11-20',
      countsFrom: '2026-11-20',
      rule: 49,
      provisional: false,
    });
  });

  it('rule 49: a counter request received at 15:01 on Friday is due Monday', () => {
    const due = copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-20T08:01:00Z' });
    expect(due.dueDate).toBe('2026-11-23');
    expect(due.dueBy).toBe('2026-11-23T10:00:00.000Z');
  });

  it('rule 49: reads the cut-off in Vietnam time, whatever offset the instant is written in', () => {
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-20T15:00:00+07:00' }).dueDate).toBe('2026-11-20');
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-20T15:00:01+07:00' }).dueDate).toBe('2026-11-23');
    // 23:30Z on Thursday is already Friday 06:30 in Vietnam.
    const earlyFriday = copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-19T23:30:00Z' });
    expect([earlyFriday.countsFrom, earlyFriday.dueDate]).toEqual(['2026-11-20', '2026-11-20']);
  });

  it('rule 49: a request received on a Saturday morning is due the next working day', () => {
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-21T02:00:00Z' }).dueDate).toBe('2026-11-23');
  });

  it('rule 49: a request received after 15:00 on the last working day before Tết 2026 is due on the first working day after Tết', () => {
    const due = copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-02-13T15:30:00+07:00' });
    expect(due).toMatchObject({ countsFrom: '2026-02-13', dueDate: '2026-02-23', dueBy: '2026-02-23T10:00:00.000Z' });
  });

  it('rule 49: a request received during Tết is due the first working day after it', () => {
    expect(
      copyRequestDue(calendar, { channel: 'online', receivedAt: '2026-02-18T03:00:00Z', dossierCompleteAt: '2026-02-18T03:00:00Z' })
        .dueDate,
    ).toBe('2026-02-23');
  });

  it('rule 49: a make-up Saturday counts as a working day', () => {
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-01-10T09:00:00+07:00' }).dueDate).toBe('2026-01-10');
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-01-09T16:00:00+07:00' }).dueDate).toBe('2026-01-10');
    // New Year's Day and the swapped Friday are closed.
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2025-12-31T16:00:00+07:00' }).dueDate).toBe('2026-01-05');
  });

  it('rule 49: a postal request counts from its complete dossier (incoming postmark), not from first receipt', () => {
    const due = copyRequestDue(calendar, {
      channel: 'post',
      receivedAt: '2026-04-22T02:00:00Z',
      dossierCompleteAt: '2026-04-24T09:00:00Z',
    });
    // Friday 24/4 16:00 local; Monday 27/4 is the Giỗ Tổ nghỉ bù.
    expect(due).toMatchObject({ countsFrom: '2026-04-24', dueDate: '2026-04-28' });
  });

  it('rule 49: a postmark may precede the office logging the envelope', () => {
    expect(
      copyRequestDue(calendar, { channel: 'post', receivedAt: '2026-11-17T03:00:00Z', dossierCompleteAt: '2026-11-16T01:00:00Z' }).dueDate,
    ).toBe('2026-11-16');
  });

  it('rule 49: postal and online requests need the complete-dossier time', () => {
    expect(refusal({ channel: 'post', receivedAt: '2026-11-17T03:00:00Z' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'dossierCompleteAt',
    });
    expect(refusal({ channel: 'online', receivedAt: '2026-11-17T03:00:00Z' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'dossierCompleteAt',
    });
  });

  it('rule 49: an online dossier cannot be complete before it was received', () => {
    const problem = refusal({ channel: 'online', receivedAt: '2026-11-17T03:00:00Z', dossierCompleteAt: '2026-11-17T02:00:00Z' });
    expect(problem.fieldProblems).toEqual([expect.objectContaining({ field: 'dossierCompleteAt', code: 'BEFORE_RECEIPT' })]);
  });

  it('rule 49: a counter request completed later counts from completion', () => {
    expect(
      copyRequestDue(calendar, { channel: 'counter', receivedAt: '2026-11-16T02:00:00Z', dossierCompleteAt: '2026-11-18T09:00:00Z' })
        .dueDate,
    ).toBe('2026-11-19');
  });

  it('rule 49: an extension of one working day with a reason moves the due date', () => {
    const due = copyRequestDue(calendar, {
      channel: 'counter',
      receivedAt: '2026-11-13T08:01:00Z',
      extension: { workingDays: 1, reason: 'Yêu cầu sao 40 bản từ 3 sổ gốc' },
    });
    expect(due.dueDate).toBe('2026-11-17');
  });

  it('rule 49: an extension without a reason is refused', () => {
    const problem = refusal({ channel: 'counter', receivedAt: '2026-11-20T02:00:00Z', extension: { workingDays: 1, reason: ' ' } });
    expect(problem).toMatchObject({ code: 'INVALID_INPUT', field: 'extension.reason' });
    expect(problem.messageVi).toBeTruthy();
    expect(problem.fieldProblems?.[0]).toMatchObject({ code: 'REQUIRED', messageVi: expect.any(String), messageEn: expect.any(String) });
  });

  it('rule 49: an extension beyond one working day needs a written agreement (§2.8, TT13/2025)', () => {
    const timing: CopyRequestTiming = {
      channel: 'counter',
      receivedAt: '2026-11-06T02:00:00Z',
      extension: { workingDays: 3, reason: 'Nội dung phức tạp' },
    };
    expect(refusal(timing)).toMatchObject({ code: 'COPY_EXTENSION_NEEDS_WRITTEN_AGREEMENT', kind: 'rule_violation', rule: 49 });
    const agreed = copyRequestDue(calendar, {
      ...timing,
      extension: { workingDays: 3, reason: 'Nội dung phức tạp', writtenAgreementRef: 'TT-2026/118' },
    });
    expect(agreed.dueDate).toBe('2026-11-11');
  });

  it('rule 49: refuses nonsense extensions and instants without an offset', () => {
    expect(refusal({ channel: 'counter', receivedAt: '2026-11-20T02:00:00Z', extension: { workingDays: 0, reason: 'x' } })).toMatchObject({
      field: 'extension.workingDays',
    });
    // Without an offset the instant would be read in the machine's zone.
    expect(refusal({ channel: 'counter', receivedAt: '2026-11-20T09:00:00' })).toMatchObject({ field: 'receivedAt' });
    expect(refusal({ channel: 'counter', receivedAt: '2026-02-30T09:00:00Z' })).toMatchObject({ field: 'receivedAt' });
    expect(refusal({ channel: 'fax' as 'counter', receivedAt: '2026-11-20T09:00:00Z' })).toMatchObject({ field: 'channel' });
  });

  it('rule 49: marks a due date provisional when it crosses a year with no published list', () => {
    expect(copyRequestDue(calendar, { channel: 'counter', receivedAt: '2028-03-01T02:00:00Z' }).provisional).toBe(true);
  });
});
