import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { ACCESS_CONTROL_STREAM, vietnamDateOf, type AccessControlEvent, type AuthorityKind, type CommandContext } from '@so-goc/domain';
import { outcomeEvent, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache, ChangeAuthorityDirectory, ChangeOfficerAccess, generateOfficerToken } from '@so-goc/platform';

export interface CreateAdminOptions {
  readonly authorityCode: string;
  readonly authorityName?: string;
  readonly authorityKind?: AuthorityKind;
  readonly registeredOn?: string;
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly lifetimeDays: number;
}

export function cliContext(command: string, now: Date = new Date()): CommandContext {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: `cli:${command}`, role: 'system', authorityCode: 'system' },
    occurredAt: now.toISOString(),
  };
}

/**
 * The first administrator of a fresh data directory: registers its authority if the directory does
 * not have it yet, then the account and a token, which is returned once and never stored.
 */
export async function createFirstAdministrator(
  bus: CommandBus,
  store: EventStore,
  options: CreateAdminOptions,
): Promise<{ token: string; expiresAt: string }> {
  const directory = await authorityDirectoryCache(store).current();
  const token = generateOfficerToken();
  const bootstrap = (): Promise<CommandOutcome<AccessControlEvent>> =>
    bus.execute(
      new ChangeOfficerAccess(
        {
          type: 'BootstrapAdministrator',
          authorityCode: options.authorityCode,
          officerId: options.officerId,
          username: options.username,
          fullName: options.fullName,
          roles: ['administrator'],
          includeSubordinates: true,
          tokenId: token.tokenId,
          secretHash: token.secretHash,
          lifetimeDays: options.lifetimeDays,
        },
        cliContext('create-admin'),
      ),
    );
  if (!directory.authorities.has(options.authorityCode)) {
    if (!options.authorityName)
      throw new Error(`Authority ${options.authorityCode} is not registered: give --authority-name to register it.`);
    // Refuse before registering anything when accounts already exist.
    const access = await store.readStream(ACCESS_CONTROL_STREAM);
    if (access.revision !== 'no_stream')
      throw new Error('Accounts already exist; the first administrator can only be created on fresh data.');
    await bus.execute(
      new ChangeAuthorityDirectory(
        {
          type: 'RegisterAuthority',
          code: options.authorityCode,
          name: options.authorityName,
          kind: options.authorityKind ?? 'province_department',
          parentCode: null,
          registeredOn: options.registeredOn ?? vietnamDateOf(new Date()),
        },
        cliContext('create-admin'),
      ),
    );
  }
  const outcome = await bootstrap();
  const issued = outcomeEvent(outcome, 'OfficerTokenIssued');
  if (!issued) throw new Error('The administrator was created but no token was recorded.');
  return { token: token.bearer, expiresAt: issued.data.expiresAt };
}
