import { randomUUID } from 'node:crypto';
import { LOG_CHECKPOINT_STREAM, type CommandContext, type LogCheckpointEvent, type LogCheckpointSignature } from '@so-goc/domain';
import { decodeEvent, type EventStore } from '@so-goc/event-store';
import type { FileKeyring } from '../verification/file-keyring';
import { signLogCheckpoint } from './sign-log-checkpoint';
import { verifyLog, type LogVerification } from './verify-log';

export interface LogWatchOptions {
  /** How often the chain is walked. Default: hourly. */
  readonly checkEveryMs?: number;
  /** How old the newest checkpoint may grow before a new one is signed. Default: a day. */
  readonly checkpointEveryMs?: number;
  readonly logger?: { log(message: string): void; error(message: string): void };
  readonly now?: () => Date;
}

const HOUR = 3_600_000;

/**
 * The running system's own guard over its log: walks the chain on a schedule and says so loudly when
 * it breaks, and signs a checkpoint when the newest is older than a day (issue 16: "at least daily").
 */
export class LogWatch {
  private timer: NodeJS.Timeout | undefined;
  private last: LogVerification | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private readonly logger: NonNullable<LogWatchOptions['logger']>;
  private readonly now: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly keyring: FileKeyring,
    private readonly options: LogWatchOptions = {},
  ) {
    this.logger = options.logger ?? { log: (m) => console.log(m), error: (m) => console.error(m) };
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.checkEveryMs ?? HOUR);
    this.timer.unref();
    // At start only a check: a checkpoint is due on the first scheduled tick, not in the middle of a start-up.
    void this.tick({ sign: false });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  lastVerification(): LogVerification | undefined {
    return this.last;
  }

  /** One check, then a checkpoint when one is due and the chain is whole (never vouch for a broken log). */
  tick(options: { readonly sign?: boolean } = {}): Promise<void> {
    this.ticking = this.ticking.then(async () => {
      try {
        const verification = await verifyLog(this.store, this.keyring.verificationKeySet());
        this.last = verification;
        if (!verification.ok) {
          for (const line of verification.lines) this.logger.error(`EVENT LOG CHECK FAILED: ${line}`);
          return;
        }
        if (options.sign !== false && (await this.checkpointDue())) {
          const outcome = await signLogCheckpoint(this.store, this.keyring, systemContext(this.now()));
          if (outcome.recorded) this.logger.log(`Event log checkpoint signed at position ${outcome.checkpoint!.position}`);
        }
      } catch (error) {
        this.logger.error(`EVENT LOG CHECK could not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.ticking;
  }

  private async checkpointDue(): Promise<boolean> {
    const checkpoints = (await this.store.readStream(LOG_CHECKPOINT_STREAM)).events;
    const last = checkpoints.at(-1);
    const newest: LogCheckpointSignature | undefined = last ? decodeEvent<LogCheckpointEvent>(last).data : undefined;
    if (!newest) return true;
    return this.now().getTime() - Date.parse(newest.signedAt) >= (this.options.checkpointEveryMs ?? 24 * HOUR);
  }
}

function systemContext(now: Date): CommandContext {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'log-watch', role: 'system', authorityCode: 'system' },
    occurredAt: now.toISOString(),
  };
}
