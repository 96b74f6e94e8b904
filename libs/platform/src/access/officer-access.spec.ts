import { join } from 'node:path';
import { ACCESS_CONTROL_STREAM, accessControlDecider, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { OfficerAccess } from './officer-access';
import { generateOfficerToken } from './officer-token';

const issuedAt = '2026-11-01T08:00:00.000Z';
const context = (commandId: string): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'system', role: 'system', authorityCode: 'system' },
  occurredAt: issuedAt,
});

describe('OfficerAccess (bearer tokens checked against the access-control stream)', () => {
  it('accepts a token within its lifetime and refuses it, as expired, afterwards; refuses a forged secret', async () => {
    const dir = makeTempDir('access');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const token = generateOfficerToken();
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: context('00000000-0000-4000-8000-000000000001'),
      command: {
        type: 'BootstrapAdministrator',
        authorityCode: 'SGD-HP',
        officerId: 'admin',
        username: 'admin',
        fullName: 'Quản trị',
        roles: ['administrator'],
        includeSubordinates: true,
        tokenId: token.tokenId,
        secretHash: token.secretHash,
        lifetimeDays: 7,
      },
    });
    const access = new OfficerAccess(store);

    const within = await access.authenticate(`Bearer ${token.bearer}`, new Date('2026-11-08T07:59:59Z'));
    expect(within.officer.officerId).toBe('admin');
    await expect(access.authenticate(`Bearer ${token.bearer}`, new Date('2026-11-08T08:00:00Z'))).rejects.toMatchObject({
      problem: { code: 'TOKEN_EXPIRED', kind: 'unauthenticated' },
    });

    const forged = `${token.bearer.slice(0, -4)}AAAA`;
    await expect(access.authenticate(`Bearer ${forged}`, new Date('2026-11-02T00:00:00Z'))).rejects.toMatchObject({
      problem: { code: 'TOKEN_UNKNOWN' },
    });
    await expect(access.authenticate(undefined)).rejects.toMatchObject({ problem: { code: 'AUTHENTICATION_REQUIRED' } });
    await store.close();
    dir.remove();
  });
});
