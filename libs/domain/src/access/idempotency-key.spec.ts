import { given } from '../testing/given-when-then';
import { idempotencyKeyDecider, type IdempotencyKeyEvent } from './idempotency-key';

const key = '3f1c2a4e-0000-4000-8000-000000000001';
const used: IdempotencyKeyEvent = {
  type: 'IdempotencyKeyUsed',
  data: { key, fingerprint: 'aa', act: 'POST /api/v1/authorities/SGD-HP/diplomas/d-1/delivery', firstUsedAt: '2026-11-22T08:00:00.000Z' },
};

describe('Idempotency-Key bound to one request (issue 12)', () => {
  it('records the key’s first use', () => {
    given(idempotencyKeyDecider).when({ type: 'UseIdempotencyKey', key, fingerprint: 'aa', act: used.data.act }).then([used]);
  });

  it('a resend of the same request records nothing more', () => {
    given(idempotencyKeyDecider, [used]).when({ type: 'UseIdempotencyKey', key, fingerprint: 'aa', act: used.data.act }).then([]);
  });

  it('the key reused for another request is refused, naming the first use', () => {
    const refusal = given(idempotencyKeyDecider, [used])
      .when({ type: 'UseIdempotencyKey', key, fingerprint: 'bb', act: 'POST …/revocation' })
      .thenRefusedWith('IDEMPOTENCY_KEY_REUSED', { kind: 'conflict' });
    expect(refusal.problem.messageEn).toContain('/delivery');
  });
});
