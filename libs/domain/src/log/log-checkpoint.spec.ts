import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { logCheckpointDecider, type LogCheckpointEvent, type SignLogCheckpoint } from './log-checkpoint';

const SYSTEM = { ...TEST_CONTEXT, actor: { officerId: 'cli:checkpoint', role: 'system', authorityCode: 'system' } };
const signature = 'A'.repeat(86);

const sign = (position: string, hashedAtMigrationUpTo = '0'): SignLogCheckpoint => ({
  type: 'SignLogCheckpoint',
  position,
  hash: 'ab'.repeat(32),
  signedAt: '2026-12-04T00:00:00.000Z',
  hashedAtMigrationUpTo,
  keyId: 'kid-1',
  signature,
});

const signed = (position: string): LogCheckpointEvent => ({
  type: 'LogCheckpointSigned',
  data: {
    position,
    hash: 'ab'.repeat(32),
    signedAt: '2026-12-04T00:00:00.000Z',
    hashedAtMigrationUpTo: '0',
    keyId: 'kid-1',
    signature,
    statementVi: `Xác nhận nhật ký sự kiện đến vị trí ${position}: mọi sự kiện đến đó được xâu chuỗi bằng mã băm SHA-256.`,
    statementEn: `Vouches for the event log up to position ${position}: every event up to it is chained by SHA-256.`,
  },
});

describe('Signed checkpoints of the event log (issue 16)', () => {
  it('records a checkpoint of the log head', () => {
    given(logCheckpointDecider)
      .when(sign('120'), SYSTEM)
      .then([signed('120')]);
  });

  it('records nothing when nothing was appended since the last checkpoint', () => {
    given(logCheckpointDecider, [signed('120')])
      .when(sign('120'), SYSTEM)
      .then([]);
  });

  it('says, in the first checkpoint of an older store, that its early events were hashed at migration', () => {
    const [event] = logCheckpointDecider.decide(sign('500', '480'), logCheckpointDecider.initialState, SYSTEM);
    expect(event?.data.statementEn).toContain('Events 1–480 were hashed when the log was first chained');
    expect(event?.data.statementVi).toContain('Các sự kiện 1–480');
  });

  it('refuses any officer: only the registry itself signs for its log', () => {
    given(logCheckpointDecider).when(sign('1')).thenRefusedWith('LOG_CHECKPOINT_SYSTEM_ONLY', { kind: 'forbidden' });
  });

  it('refuses a malformed checkpoint, naming every field', () => {
    const refusal = given(logCheckpointDecider)
      .when({ ...sign('-1'), hash: 'xyz', signature: 'short' }, SYSTEM)
      .thenRefusedWith('INVALID_INPUT');
    expect(refusal.problem.fieldProblems?.map((p) => p.field)).toEqual(['position', 'hash', 'signature']);
  });
});
