import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { base32Decode, enrolConsoleLogin, SecretBox, totp } from '@so-goc/platform';
import { ACCESS_CONTROL_STREAM, accessControlDecider, type OfficerRole } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import type { TestSystem } from './embedded-system';

/**
 * A browser without a browser: keeps the session cookie, reads each form's CSRF token from the page
 * and posts forms as a plain HTML form would (urlencoded, redirects not followed, so each step is seen).
 */
export class ConsoleClient {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, { headers: this.headers(), redirect: 'manual' });
    this.keep(response);
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) this.lastHtml = await response.clone().text();
    return response;
  }

  async post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: this.csrf() }), _commandId: randomUUID(), ...fields });
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    this.keep(response);
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) this.lastHtml = await response.clone().text();
    return response;
  }

  /** The same browser (same cookies) talking to another node of the system, or to this one restarted. */
  on(base: string): ConsoleClient {
    const other = new ConsoleClient(base);
    other.cookies = new Map(this.cookies);
    other.lastHtml = this.lastHtml;
    return other;
  }

  /** The CSRF token of the last page seen. */
  csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '';
  }

  async signIn(username: string, password: string, totpSecret?: string): Promise<void> {
    await this.get('/console/login');
    const first = await this.post('/console/login', { username, password });
    if (first.status !== 303) throw new Error(`sign-in refused: ${first.status}`);
    if (totpSecret) {
      await this.get('/console/login/code');
      const second = await this.post('/console/login/code', { code: totp(base32Decode(totpSecret), new Date()) });
      if (second.status !== 303) throw new Error(`code refused: ${second.status}`);
    }
  }

  /** The Cookie header this browser would send (for a form a test builds itself, e.g. with repeated fields). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(): Record<string, string> {
    return this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value ?? '');
    }
  }
}

/** Gives an officer a console password (and a TOTP secret, base32, when asked), as an administrator would. */
export async function enrolForConsole(
  t: TestSystem,
  officer: { authorityCode: string; officerId: string; username: string },
  password: string,
  withTotp: boolean,
): Promise<string | undefined> {
  const store = new SqliteEventStore({ file: t.eventsFile });
  try {
    const box = SecretBox.forFile(join(dirname(t.eventsFile), 'console-secret.key'));
    const { otpauthUri } = await enrolConsoleLogin(store, box, { ...officer, password, withTotp }, cliContext('console-enrol'));
    return otpauthUri ? /secret=([A-Z2-7]+)/.exec(otpauthUri)?.[1] : undefined;
  } finally {
    await store.close();
  }
}

/**
 * An officer of `authorityCode` recorded on the test system's store as its administrator would record it,
 * given a console password (and an authenticator when asked), and signed in: the browser-less client of
 * their desk, and the TOTP secret (base32) if one was enrolled.
 */
export async function signedInOfficer(
  t: TestSystem,
  o: {
    authorityCode: string;
    officerId: string;
    roles: OfficerRole[];
    password: string;
    withTotp?: boolean;
    includeSubordinates?: boolean;
  },
): Promise<{ client: ConsoleClient; totpSecret: string | undefined }> {
  const store = new SqliteEventStore({ file: t.eventsFile });
  try {
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-given'),
      command: {
        type: 'CreateOfficer',
        authorityCode: o.authorityCode,
        officerId: o.officerId,
        username: o.officerId,
        fullName: `Cán bộ ${o.officerId}`,
        roles: o.roles,
        includeSubordinates: o.includeSubordinates ?? false,
      },
    });
  } finally {
    await store.close();
  }
  const officer = { authorityCode: o.authorityCode, officerId: o.officerId, username: o.officerId };
  const totpSecret = await enrolForConsole(t, officer, o.password, o.withTotp ?? false);
  const client = new ConsoleClient(t.api);
  await client.signIn(o.officerId, o.password, totpSecret);
  return { client, totpSecret };
}
