import { accessControlDecider, ACCESS_CONTROL_STREAM, type OfficerRole } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { generateOfficerToken } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';

/**
 * An officer of any authority with a bearer token, recorded on the test system's store as that
 * authority's own administrator would record it (for authorities no test officer can reach, such as the
 * ministry).
 */
export async function givenOfficer(eventsFile: string, authorityCode: string, officerId: string, roles: OfficerRole[]): Promise<string> {
  const store = new SqliteEventStore({ file: eventsFile });
  try {
    const token = generateOfficerToken();
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-officer'),
      command: {
        type: 'CreateOfficer',
        authorityCode,
        officerId,
        username: officerId,
        fullName: 'Cán bộ thử nghiệm',
        roles,
        includeSubordinates: false,
      },
    });
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-token'),
      command: { type: 'IssueToken', authorityCode, officerId, tokenId: token.tokenId, secretHash: token.secretHash, lifetimeDays: 1 },
    });
    return token.bearer;
  } finally {
    await store.close();
  }
}
