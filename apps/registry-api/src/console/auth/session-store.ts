import { createHash, randomBytes } from 'node:crypto';

export type SessionStage = 'anonymous' | 'second-factor' | 'signed-in';

export interface ConsoleSession {
  readonly stage: SessionStage;
  readonly csrf: string;
  readonly officerId?: string;
  lastSeenAt: number;
}

/**
 * Server-side sessions: the cookie holds only a random id, and the map is keyed by its SHA-256, so a
 * dump of memory does not give working cookies. One process serves the console (the embedded default);
 * a restart signs everyone out, which is the safe direction.
 */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(readonly idleMillis: number) {}

  /** A new id on every change of stage, so a session id seen before sign-in is worthless after it (fixation). */
  create(stage: SessionStage, officerId?: string, now = Date.now()): { id: string; session: ConsoleSession } {
    this.sweep(now);
    const id = randomBytes(32).toString('base64url');
    const session: ConsoleSession = {
      stage,
      csrf: randomBytes(32).toString('base64url'),
      ...(officerId ? { officerId } : {}),
      lastSeenAt: now,
    };
    this.sessions.set(digest(id), session);
    return { id, session };
  }

  /** The live session for a cookie; an idle one is dropped and treated as absent. */
  touch(id: string | undefined, now = Date.now()): ConsoleSession | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (now - session.lastSeenAt > this.idleMillis) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id));
  }

  /** Ends every session of an officer (disabled account, password changed). */
  destroyOfficer(officerId: string): void {
    for (const [key, session] of this.sessions) if (session.officerId === officerId) this.sessions.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, session] of this.sessions) if (now - session.lastSeenAt > this.idleMillis) this.sessions.delete(key);
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export const SESSION_COOKIE = 'sogoc_console';
