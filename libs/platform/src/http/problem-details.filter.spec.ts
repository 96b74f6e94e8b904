import { Logger, type ArgumentsHost } from '@nestjs/common';
import { AppendOutcomeUnknownError, AppendTooLargeError, EventStoreUnavailableError } from '@so-goc/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What an officer is told when the event store fails: never "nothing was recorded" unless that is known. */
function answer(exception: unknown): { status: number; body: { code: string; messageEn: string; messageVi: string } } {
  let status = 0;
  let sent = '';
  const response = {
    setHeader: () => response,
    status: (code: number) => ((status = code), response),
    type: () => response,
    send: (body: string) => ((sent = body), response),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ method: 'POST', originalUrl: '/api/v1/x?name=secret' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status, body: JSON.parse(sent) as { code: string; messageEn: string; messageVi: string } };
}

describe('ProblemDetailsFilter and the event store', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('says "resend, it will not be recorded twice" when an append\'s outcome is unknown, not "nothing was recorded"', () => {
    const { status, body } = answer(new AppendOutcomeUnknownError('decision-1'));
    expect(status).toBe(503);
    expect(body.code).toBe('APPEND_OUTCOME_UNKNOWN');
    expect(body.messageEn).toMatch(/unknown whether/);
    expect(body.messageEn).not.toMatch(/nothing was recorded/i);
  });

  it('keeps "nothing was recorded" for an unreachable store', () => {
    const { status, body } = answer(new EventStoreUnavailableError('down'));
    expect(status).toBe(503);
    expect(body.code).toBe('EVENT_STORE_UNAVAILABLE');
    expect(body.messageEn).toMatch(/nothing was recorded/);
  });

  it('answers an act too large for one write with 422 ACT_TOO_LARGE_FOR_STORE, in both languages', () => {
    const { status, body } = answer(new AppendTooLargeError('print-run-1', 2_200_000, 1_048_576));
    expect(status).toBe(422);
    expect(body.code).toBe('ACT_TOO_LARGE_FOR_STORE');
    expect(body.messageVi).toMatch(/chưa có gì được ghi/);
  });
});
