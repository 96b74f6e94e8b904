import { CommandHandler } from '@nestjs/cqrs';
import {
  ACCESS_CONTROL_STREAM,
  accessControlDecider,
  AUTHORITY_DIRECTORY_STREAM,
  DomainError,
  authorityDirectoryDecider,
  HOLIDAY_CALENDAR_STREAM,
  holidayCalendarDecider,
  type AccessControlCommand,
  type AccessControlEvent,
  type AuthorityDirectoryCommand,
  type HolidayCalendarCommand,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';

/**
 * Administration acts, one decider each: the authority directory (units, mergers, signers), officers and
 * their tokens, the holiday calendar. Each decider checks the acting authority against the entry it
 * changes; the stream's revision (If-Match when sent) serialises administrators.
 */
export class ChangeAuthorityDirectory extends OfficerCommand<AuthorityDirectoryCommand> {}
@CommandHandler(ChangeAuthorityDirectory)
export class ChangeAuthorityDirectoryHandler extends OfficerCommandHandler<ChangeAuthorityDirectory> {
  protected handle({ input, context, ifMatch }: ChangeAuthorityDirectory): Promise<CommandOutcome> {
    return handleCommand(this.deps.store, authorityDirectoryDecider, {
      stream: AUTHORITY_DIRECTORY_STREAM,
      command: input,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

export class ChangeOfficerAccess extends OfficerCommand<AccessControlCommand, AccessControlEvent> {}
@CommandHandler(ChangeOfficerAccess)
export class ChangeOfficerAccessHandler extends OfficerCommandHandler<ChangeOfficerAccess> {
  protected handle({ input, context, ifMatch }: ChangeOfficerAccess): Promise<CommandOutcome<AccessControlEvent>> {
    return handleCommand(this.deps.store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      command: input,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

export class PublishHolidayYear extends OfficerCommand<Extract<HolidayCalendarCommand, { type: 'PublishHolidayYear' }>> {}
@CommandHandler(PublishHolidayYear)
export class PublishHolidayYearHandler extends OfficerCommandHandler<PublishHolidayYear> {
  protected async handle({ input, context, ifMatch }: PublishHolidayYear): Promise<CommandOutcome> {
    // One calendar counts every province's due times (rule 49): only the ministry publishes it, never a
    // province's administrator (issue 16).
    const directory = await this.deps.directory();
    if (directory.authorities.get(context.actor.authorityCode)?.kind !== 'ministry') {
      throw new DomainError({
        code: 'NATIONAL_ROLE_REQUIRED',
        kind: 'forbidden',
        messageVi: 'Chỉ quản trị viên của Bộ Giáo dục và Đào tạo được công bố lịch nghỉ lễ toàn quốc.',
        messageEn: 'Only an administrator of the Ministry of Education and Training may publish the national holiday calendar.',
      });
    }
    return handleCommand(this.deps.store, holidayCalendarDecider, {
      stream: HOLIDAY_CALENDAR_STREAM,
      command: input,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

export const ADMINISTRATION_COMMAND_HANDLERS = [ChangeAuthorityDirectoryHandler, ChangeOfficerAccessHandler, PublishHolidayYearHandler];
