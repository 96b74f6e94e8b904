import { ACCESS_CONTROL_STREAM, accessControlDecider, DomainError, type CommandContext } from '@so-goc/domain';
import { handleCommand, type EventStore } from '@so-goc/event-store';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password';
import type { SecretBox } from './secret-box';
import { generateTotpKey, otpauthUri } from './totp';

/**
 * Gives an officer a console password and, when asked (always for administrators and signers), a TOTP
 * secret. The secret is returned once, to be put into an authenticator app, and stored only sealed.
 */
export async function enrolConsoleLogin(
  store: EventStore,
  box: SecretBox,
  options: { authorityCode: string; officerId: string; username: string; password: string; withTotp: boolean },
  context: CommandContext,
): Promise<{ totpKey?: Buffer; otpauthUri?: string }> {
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError({
      code: 'PASSWORD_TOO_SHORT',
      kind: 'invalid_input',
      messageVi: `Mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      messageEn: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
      field: 'password',
    });
  }
  const passwordHash = await hashPassword(options.password);
  await handleCommand(store, accessControlDecider, {
    stream: ACCESS_CONTROL_STREAM,
    context,
    command: { type: 'SetOfficerPassword', authorityCode: options.authorityCode, officerId: options.officerId, passwordHash },
  });
  if (!options.withTotp) return {};
  const totpKey = generateTotpKey();
  await handleCommand(store, accessControlDecider, {
    stream: ACCESS_CONTROL_STREAM,
    // Its own command id, derived, so that a retry of the whole enrolment derives the same one.
    context: { ...context, commandId: `${context.commandId}/totp` },
    command: {
      type: 'EnrolOfficerTotp',
      authorityCode: options.authorityCode,
      officerId: options.officerId,
      sealedTotpSecret: box.seal(totpKey),
    },
  });
  return { totpKey, otpauthUri: otpauthUri(totpKey, options.username) };
}
