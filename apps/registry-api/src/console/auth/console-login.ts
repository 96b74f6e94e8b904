import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import {
  credentialsOf,
  DomainError,
  needsSecondFactor,
  type AccessControlCommand,
  type CommandContext,
  type OfficerRecord,
} from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { ChangeOfficerAccess, matchTotp, OfficerAccess, SecretBox, spendPasswordCheck, verifyPassword } from '@so-goc/platform';

export const CONSOLE_SECRET_BOX = Symbol('ConsoleSecretBox');

export type LoginStep = { readonly next: 'signed-in' | 'second-factor'; readonly officerId: string };

const REFUSED = new DomainError({
  code: 'LOGIN_REFUSED',
  kind: 'unauthenticated',
  messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  messageEn: 'Wrong username or password.',
  field: 'username',
});
const WRONG_CODE = new DomainError({
  code: 'TOTP_WRONG',
  kind: 'unauthenticated',
  messageVi: 'Mã xác thực không đúng hoặc đã hết hạn.',
  messageEn: 'The code is wrong or has expired.',
  field: 'code',
});

/**
 * Checks the factors (the crypto lives here, at the edge) and records each attempt through the
 * access-control decider, which decides what a run of failures means: wait, or lock.
 */
@Injectable()
export class ConsoleLogin {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: OfficerAccess,
    @Inject(CONSOLE_SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async password(username: string, password: string, request: Request): Promise<LoginStep> {
    const state = await this.access.accessState();
    const wanted = username.trim().toLowerCase();
    const officer = [...state.officers.values()].find((o) => o.username === wanted);
    const credentials = officer ? credentialsOf(state, officer.officerId) : undefined;
    // An unknown name costs the same time as a known one and records nothing: there is no one to record it against.
    if (!officer || officer.disabled || !credentials?.passwordHash) throw (await spendPasswordCheck(password), REFUSED);
    const matched = await verifyPassword(password, credentials.passwordHash);
    const second = needsSecondFactor(officer, credentials);
    if (matched && second && !credentials.sealedTotpSecret) {
      throw new DomainError({
        code: 'TOTP_NOT_ENROLLED',
        kind: 'forbidden',
        messageVi: 'Tài khoản quản trị và người ký phải có mã xác thực hai lớp; hãy nhờ quản trị viên cấp.',
        messageEn: 'Administrators and signers need a second factor; ask an administrator to enrol you.',
      });
    }
    const outcome = await this.record(
      officer,
      { type: 'RecordLoginAttempt', officerId: officer.officerId, factor: 'password', matched, totpStep: null, completesLogin: !second },
      request,
    );
    if (!matched || outcome.events.some((e) => e.type === 'OfficerLoginFailed')) throw REFUSED;
    return { next: second ? 'second-factor' : 'signed-in', officerId: officer.officerId };
  }

  async code(officerId: string, code: string, request: Request): Promise<LoginStep> {
    const state = await this.access.accessState();
    const officer = state.officers.get(officerId);
    const sealed = officer ? credentialsOf(state, officerId).sealedTotpSecret : undefined;
    if (!officer || !sealed) throw REFUSED;
    const step = matchTotp(this.box.open(sealed), code.replace(/\s/g, ''), new Date());
    const outcome = await this.record(
      officer,
      { type: 'RecordLoginAttempt', officerId, factor: 'totp', matched: step !== undefined, totpStep: step ?? null, completesLogin: true },
      request,
    );
    if (!outcome.events.some((e) => e.type === 'OfficerLoggedIn')) throw WRONG_CODE;
    return { next: 'signed-in', officerId };
  }

  private record(officer: OfficerRecord, command: AccessControlCommand, request: Request): Promise<CommandOutcome> {
    const commandId = randomUUID();
    const context: CommandContext = {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { officerId: officer.officerId, role: 'console-login', authorityCode: officer.authorityCode },
      occurredAt: new Date().toISOString(),
      ...(request.ip !== undefined ? { sourceIp: request.ip } : {}),
    };
    return this.commands.execute(new ChangeOfficerAccess(command, context));
  }
}
