import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import * as QRCode from 'qrcode';
import {
  DomainError,
  MAX_TOKEN_LIFETIME_DAYS,
  OFFICER_ROLES,
  type AccessControlCommand,
  type CommandContext,
  type OfficerRole,
} from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { findAuthority, listOfficers, type OfficerView } from '@so-goc/projections';
import {
  base32Encode,
  ChangeOfficerAccess,
  generateOfficerToken,
  generateTotpKey,
  hashPassword,
  HolidayCalendarCache,
  MIN_PASSWORD_LENGTH,
  otpauthUri,
  PublicRoute,
  PublishHolidayYear,
  READ_MODELS,
  SecretBox,
} from '@so-goc/platform';
import { CONSOLE_SECRET_BOX } from './auth/console-login';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { holidaysPage, newOfficerPage, officerPage, officersPage, OFFICERS_PAGE_SIZE, secretOncePage } from './pages/admin.page';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, formValues, isRefusal, refusalErrors, sentCommandId, type FormValues } from './pages/form-input';
import type { FieldError } from './ui/components';
import type { Lang, Words } from './ui/html';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const DONE: Record<string, Words> = {
  roles: { vi: 'Đã lưu vai trò.', en: 'Roles saved.' },
  disabled: {
    vi: 'Đã khoá tài khoản; mọi phiên đăng nhập của cán bộ đã kết thúc.',
    en: 'The account is disabled; every session of the officer has ended.',
  },
  revoked: { vi: 'Đã thu hồi mã truy cập.', en: 'The token was revoked.' },
  published: { vi: 'Đã công bố lịch.', en: 'The calendar was published.' },
};

/**
 * Administration in the console: officer accounts and roles (create with a first password and, for
 * signers and administrators, an authenticator; change roles; disable), API tokens for integrations
 * (shown once) and the holiday calendar (the authority directory: console-directory.controller.ts). Every write is the same
 * access-control or calendar command the API sends.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/admin')
export class ConsoleAdminController {
  constructor(
    private readonly commands: CommandBus,
    private readonly calendar: HolidayCalendarCache,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(CONSOLE_SECRET_BOX) private readonly box: SecretBox,
  ) {}

  @Get()
  @ConsolePage('administrator', 'auditor')
  officers(
    @Param('code') code: string,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const all = listOfficers(this.db, code);
    const pageNumber = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    sendPage(
      response,
      officersPage(ctx, {
        officers: all.slice((pageNumber - 1) * OFFICERS_PAGE_SIZE, pageNumber * OFFICERS_PAGE_SIZE),
        page: pageNumber,
        total: all.length,
        canChange: ctx.actingRole === 'administrator',
      }),
    );
  }

  @Get('officers/new')
  @ConsolePage('administrator')
  newOfficer(@Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(response, newOfficerPage(pageContext(request, response), { values: {}, roles: [], errors: [] }));
  }

  @Post('officers/new')
  @ConsolePage('administrator')
  async createOfficer(
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const roles = checked(body, 'roles');
    const errors: FieldError[] = [];
    const say = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
    const officerId = (values['officerId'] ?? '').trim();
    const username = (values['username'] ?? '').trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(officerId))
      errors.push({
        field: 'officerId',
        message: say(
          'Mã cán bộ: chữ thường không dấu, số, gạch ngang; 2–64 ký tự.',
          'Officer id: lower-case letters, digits, hyphens; 2–64 characters.',
        ),
      });
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username))
      errors.push({
        field: 'username',
        message: say(
          'Tên đăng nhập: chữ thường không dấu, số, dấu chấm; 3–64 ký tự.',
          'Username: lower-case letters, digits, dots; 3–64 characters.',
        ),
      });
    if (!(values['fullName'] ?? '').trim()) errors.push({ field: 'fullName', message: say('Nhập họ và tên.', 'Enter the full name.') });
    const validRoles = roles.filter((r): r is OfficerRole => (OFFICER_ROLES as readonly string[]).includes(r));
    if (validRoles.length === 0) errors.push({ field: 'roles', message: say('Chọn ít nhất một vai trò.', 'Choose at least one role.') });
    const password =
      typeof (body as Record<string, unknown>)['password'] === 'string' ? ((body as Record<string, unknown>)['password'] as string) : '';
    if (password.length < MIN_PASSWORD_LENGTH)
      errors.push({
        field: 'password',
        message: say(
          `Mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
          `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
        ),
      });
    const needsTotp = validRoles.some((r) => r === 'signer' || r === 'administrator');
    const withTotp = needsTotp || values['withTotp'] === 'yes';
    const commandId = sentCommandId(body);
    const again = (status = 400) =>
      sendPage(response, newOfficerPage(ctx, { values, roles, errors, ...(commandId ? { commandId } : {}) }), status);
    if (errors.length > 0) return again();
    const context = consoleCommandContext(request, body);
    try {
      await this.access(
        {
          type: 'CreateOfficer',
          authorityCode: code,
          officerId,
          username,
          fullName: values['fullName']!.trim(),
          roles: validRoles,
          includeSubordinates: values['includeSubordinates'] === 'yes',
        },
        context,
      );
      await this.access(
        { type: 'SetOfficerPassword', authorityCode: code, officerId, passwordHash: await hashPassword(password) },
        derived(context, 'password'),
      );
      if (!withTotp) return response.redirect(303, `${consoleBase(code)}/admin/officers/${encodeURIComponent(officerId)}?done=created`);
      const key = generateTotpKey();
      await this.access(
        { type: 'EnrolOfficerTotp', authorityCode: code, officerId, sealedTotpSecret: this.box.seal(key) },
        derived(context, 'totp'),
      );
      const uri = otpauthUri(key, username);
      const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      sendPage(
        response,
        secretOncePage(ctx, {
          title: { vi: 'Mã xác thực hai lớp của cán bộ', en: 'The officer’s second factor' },
          lead: {
            vi: `Đã tạo tài khoản ${username}. Cán bộ quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) hoặc nhập khoá dưới đây.`,
            en: `Account ${username} created. The officer scans the QR code with an authenticator app, or types the key below.`,
          },
          secret: base32Encode(key),
          qrSvgDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
          officerId,
        }),
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      errors.push(...refusalErrors(ctx.lang, error));
      again();
    }
  }

  @Get('officers/:officerId')
  @ConsolePage('administrator', 'auditor')
  officer(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const officer = this.find(code, officerId);
    const doneText =
      done === 'created'
        ? ctx.lang === 'vi'
          ? 'Đã tạo tài khoản.'
          : 'The account was created.'
        : done
          ? DONE[done]?.[ctx.lang]
          : undefined;
    sendPage(
      response,
      officerPage(ctx, {
        officer,
        values: {},
        errors: [],
        canChange: ctx.actingRole === 'administrator',
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post('officers/:officerId/:act')
  @ConsolePage('administrator')
  async change(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Param('act') act: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const officer = this.find(code, officerId);
    const values = formValues(body);
    const context = consoleCommandContext(request, body);
    const back = `${consoleBase(code)}/admin/officers/${encodeURIComponent(officerId)}`;
    const errors: FieldError[] = [];
    const roles = act === 'roles' ? checked(body, 'roles') : undefined;
    try {
      if (act === 'roles') {
        const valid = roles!.filter((r): r is OfficerRole => (OFFICER_ROLES as readonly string[]).includes(r));
        if (valid.length === 0)
          errors.push({ field: 'roles', message: ctx.lang === 'vi' ? 'Chọn ít nhất một vai trò.' : 'Choose at least one role.' });
        else {
          await this.access(
            {
              type: 'ChangeOfficerRoles',
              authorityCode: code,
              officerId,
              roles: valid,
              includeSubordinates: values['includeSubordinates'] === 'yes',
            },
            context,
          );
          return response.redirect(303, `${back}?done=roles`);
        }
      } else if (act === 'disable') {
        await this.access({ type: 'DisableOfficer', authorityCode: code, officerId, reason: values['reason'] ?? '' }, context);
        return response.redirect(303, `${back}?done=disabled`);
      } else if (act === 'tokens') {
        const lifetimeDays = Number.parseInt(values['lifetimeDays'] ?? '', 10);
        if (!Number.isInteger(lifetimeDays) || lifetimeDays < 1 || lifetimeDays > MAX_TOKEN_LIFETIME_DAYS)
          errors.push({
            field: 'lifetimeDays',
            message:
              ctx.lang === 'vi'
                ? `Thời hạn từ 1 đến ${MAX_TOKEN_LIFETIME_DAYS} ngày.`
                : `Lifetime is 1 to ${MAX_TOKEN_LIFETIME_DAYS} days.`,
          });
        else {
          const token = generateOfficerToken();
          const outcome = await this.access(
            { type: 'IssueToken', authorityCode: code, officerId, tokenId: token.tokenId, secretHash: token.secretHash, lifetimeDays },
            context,
          );
          // A resent form must not show a second secret for the token already recorded.
          if (outcome.alreadyHandled) return response.redirect(303, back);
          const issued = outcome.events[0]?.data as { tokenId: string; expiresAt: string };
          return sendPage(
            response,
            secretOncePage(ctx, {
              title: { vi: 'Mã truy cập mới', en: 'New API token' },
              lead: {
                vi: `Mã ${issued.tokenId} của ${officer.username}, hết hạn ${issued.expiresAt.slice(0, 10)}. Hệ thống tích hợp gửi nó trong tiêu đề Authorization: Bearer.`,
                en: `Token ${issued.tokenId} of ${officer.username}, expires ${issued.expiresAt.slice(0, 10)}. The integration sends it as Authorization: Bearer.`,
              },
              secret: token.bearer,
              officerId,
            }),
          );
        }
      } else {
        return response.redirect(303, back);
      }
    } catch (error) {
      if (!isRefusal(error)) throw error;
      errors.push(...refusalErrors(ctx.lang, error));
    }
    sendPage(response, officerPage(ctx, { officer, values, ...(roles ? { roles } : {}), errors, canChange: true }), 400);
  }

  @Post('officers/:officerId/tokens/:tokenId/revoke')
  @ConsolePage('administrator')
  revoke(
    @Param('code') code: string,
    @Param('officerId') officerId: string,
    @Param('tokenId') tokenId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const officer = this.find(code, officerId);
    return submitFormAct(request, response, body, {
      read: (_ctx, values) => () =>
        this.access(
          { type: 'RevokeToken', authorityCode: code, officerId, tokenId, reason: values['reason'] ?? '' },
          consoleCommandContext(request, body),
        ),
      next: () => `${consoleBase(code)}/admin/officers/${encodeURIComponent(officerId)}?done=revoked`,
      again: (ctx, values, errors) => officerPage(ctx, { officer, values, errors, canChange: true }),
    });
  }

  @Get('holidays')
  @ConsolePage('administrator', 'auditor', 'registrar', 'signer')
  async holidays(
    @Param('code') code: string,
    @Query('year') yearParam: string | undefined,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const year = yearOf(yearParam);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      holidaysPage(ctx, {
        ...(await this.year(year)),
        canPublish: this.canPublish(ctx.actingRole, code),
        values: {},
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post('holidays')
  @ConsolePage('administrator')
  async publishHolidays(
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const year = yearOf(formValues(body)['year']);
    const current = await this.year(year);
    return submitFormAct(request, response, body, {
      read: (ctx, values, errors) => {
        const holidays = readDays(ctx.lang, values, 'holidays', errors);
        const makeUpWorkingDays = readDays(ctx.lang, values, 'makeUpWorkingDays', errors);
        return () =>
          this.commands.execute(
            new PublishHolidayYear(
              {
                type: 'PublishHolidayYear',
                year,
                holidays,
                makeUpWorkingDays,
                source: values['source'] ?? '',
                ...(current.published ? { amends: true } : {}),
              },
              consoleCommandContext(request, body),
            ),
          );
      },
      next: () => `${consoleBase(code)}/admin/holidays?year=${year}&done=published`,
      again: (ctx, values, errors, commandId) =>
        holidaysPage(ctx, { ...current, canPublish: true, values, errors, ...(commandId ? { commandId } : {}) }),
    });
  }

  private canPublish(role: string | undefined, code: string): boolean {
    // One calendar for the whole country (rule 49): only the ministry's administrators publish it.
    return role === 'administrator' && findAuthority(this.db, code)?.kind === 'ministry';
  }

  private async year(year: number) {
    const calendar = await this.calendar.current();
    const days = (map: ReadonlyMap<string, string>) =>
      [...map]
        .filter(([date]) => date.startsWith(`${year}-`))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, name]) => ({ date, name }));
    return {
      year,
      published: calendar.coveredYears.has(year),
      holidays: days(calendar.holidays),
      makeUp: days(calendar.makeUpWorkingDays),
    };
  }

  private find(code: string, officerId: string): OfficerView {
    const officer = listOfficers(this.db, code).find((o) => o.officerId === officerId);
    if (!officer) throw notFound(`Không có cán bộ ${officerId} ở đơn vị ${code}.`, `No officer ${officerId} at ${code}.`, 'officerId');
    return officer;
  }

  private access(command: AccessControlCommand, context: CommandContext): Promise<CommandOutcome> {
    return this.commands.execute(new ChangeOfficerAccess(command, context));
  }
}

/** Each step of one form gets its own command id, derived, so a resent form repeats none of them. */
function derived(context: CommandContext, step: string): CommandContext {
  return { ...context, commandId: `${context.commandId}/${step}` };
}

function checked(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function yearOf(text: string | undefined): number {
  const year = Number.parseInt(text ?? '', 10);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear();
}

/** "26/01/2028 Tết Nguyên đán", one a line. */
function readDays(lang: Lang, v: FormValues, field: string, errors: FieldError[]): { date: string; name: string }[] {
  const days: { date: string; name: string }[] = [];
  for (const line of (v[field] ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(.+)$/.exec(line);
    if (!m) {
      errors.push({
        field,
        message:
          lang === 'vi'
            ? `Dòng "${line}" phải là ngày/tháng/năm rồi tên ngày nghỉ.`
            : `Line "${line}" must be day/month/year then the name.`,
      });
      return days;
    }
    days.push({ date: `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`, name: m[4]!.trim() });
  }
  return days;
}

function notFound(vi: string, en: string, field: string): DomainError {
  return new DomainError({ code: 'NOT_FOUND', kind: 'not_found', messageVi: vi, messageEn: en, field });
}
