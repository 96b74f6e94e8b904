import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import {
  AUTHORITY_KINDS,
  authorityNotFound,
  credentialCatalogue,
  DomainError,
  SIGNER_ROLES,
  vietnamDateOf,
  type AuthorityDirectoryCommand,
  type AuthorityKind,
  type SignerRoleName,
} from '@so-goc/domain';
import { findAuthority, listPredecessors, listSigners, listSubordinates, type SignerView } from '@so-goc/projections';
import { ChangeAuthorityDirectory, OfficerAccess, PublicRoute, READ_MODELS } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { actFormPage, confirmNamedAct, submitFormAct, type Restatement } from './pages/act-pages';
import {
  backToDirectory,
  directoryPage,
  endFields,
  endMandateFields,
  END_WORDS,
  licenceFields,
  signerFields,
  unitFields,
  type LicensableKind,
} from './pages/directory.page';
import { consoleCommandContext, readDate, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import { KIND_WORDS, SIGNER_ROLE_WORDS } from './pages/admin.page';
import type { FieldError } from './ui/components';
import type { SafeHtml, Words } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';

/** Which record of the directory a form acts on: the authority of the page, one of its signers, one of its units. */
interface Target {
  readonly code: string;
  readonly signer?: SignerView;
  readonly unit?: string;
}

/** One act on the directory: its form, the command the API sends for it, and — if it cannot be undone — its restatement. */
interface DirectoryAct {
  readonly title: Words;
  readonly submit: Words;
  readonly done: string;
  fields(ctx: PageContext, v: FormValues, errors: readonly FieldError[], body: unknown): SafeHtml;
  command(ctx: PageContext, v: FormValues, errors: FieldError[], t: Target, body: unknown): AuthorityDirectoryCommand | undefined;
  confirm?(ctx: PageContext, v: FormValues, t: Target): Restatement;
  /** The command's field names as the form names them. */
  readonly fieldNames?: Record<string, string>;
}

const say = (ctx: PageContext, vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);

function text(v: FormValues, name: string, errors: FieldError[], message: string): string {
  const value = (v[name] ?? '').trim();
  if (!value) errors.push({ field: name, message });
  return value;
}

/** An optional date: empty is null; otherwise it must be a real day/month/year. */
function optionalDate(ctx: PageContext, v: FormValues, name: string, errors: FieldError[], label: Words): string | null {
  return (v[name] ?? '').trim() ? readDate(ctx.lang, v, name, errors, label) : null;
}

function checked(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string');
}

/** The certificate kinds of the catalogue a centre, school or university may be licensed for (issue 18). */
const LICENSABLE: readonly LicensableKind[] = credentialCatalogue().entries.filter((e) => e.family === 'certificate');

const DIRECTORY_ACTS = {
  unit: {
    title: { vi: 'Đăng ký đơn vị trực thuộc', en: 'Register a unit' },
    submit: { vi: 'Đăng ký đơn vị', en: 'Register the unit' },
    done: 'unit',
    fields: unitFields,
    fieldNames: { parentCode: 'kind' },
    command(ctx, v, errors, t) {
      const code = text(v, 'code', errors, say(ctx, 'Nhập mã đơn vị.', 'Enter the code.')).toUpperCase();
      const name = text(v, 'name', errors, say(ctx, 'Nhập tên đơn vị.', 'Enter the name.'));
      if (!(AUTHORITY_KINDS as readonly string[]).includes(v['kind'] ?? ''))
        errors.push({ field: 'kind', message: say(ctx, 'Chọn loại đơn vị.', 'Choose the kind.') });
      const registeredOn = readDate(ctx.lang, v, 'registeredOn', errors, { vi: 'Ngày bắt đầu hoạt động', en: 'Start date' });
      if (errors.length > 0) return undefined;
      return {
        type: 'RegisterAuthority',
        code,
        name,
        kind: v['kind'] as AuthorityKind,
        parentCode: t.code,
        registeredOn,
        governingBody: (v['governingBody'] ?? '').trim() || null,
      };
    },
  },
  end: {
    title: { vi: 'Sáp nhập, giải thể đơn vị', en: 'Merge or abolish the authority' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'ended',
    fields: endFields,
    fieldNames: { intoCode: 'successorCode', code: 'successorCode' },
    command(ctx, v, errors, t) {
      const how = v['how'];
      if (how !== 'merged' && how !== 'abolished')
        errors.push({ field: 'how', message: say(ctx, 'Chọn hợp nhất hay giải thể.', 'Choose merger or abolition.') });
      const successorCode = text(
        v,
        'successorCode',
        errors,
        say(ctx, 'Nhập mã đơn vị kế thừa.', 'Enter the successor’s code.'),
      ).toUpperCase();
      // Said before the restatement, which would otherwise tell the officer the authority succeeds itself.
      if (successorCode && successorCode === t.code)
        errors.push({
          field: 'successorCode',
          message: say(ctx, 'Đơn vị kế thừa phải là một đơn vị khác.', 'The successor must be another authority.'),
        });
      const effectiveOn = readDate(ctx.lang, v, 'effectiveOn', errors, { vi: 'Ngày có hiệu lực', en: 'Effective date' });
      const decisionRef = text(v, 'decisionRef', errors, say(ctx, 'Nhập số quyết định.', 'Enter the decision.'));
      if (errors.length > 0) return undefined;
      return how === 'merged'
        ? { type: 'MergeAuthority', code: t.code, intoCode: successorCode, effectiveOn, decisionRef }
        : { type: 'AbolishAuthority', code: t.code, successorCode, effectiveOn, decisionRef };
    },
    confirm(ctx, v, t) {
      const vi = ctx.lang === 'vi';
      const successor = (v['successorCode'] ?? '').trim().toUpperCase();
      const how = END_WORDS[v['how'] as keyof typeof END_WORDS];
      return {
        heading: vi ? `Chấm dứt hoạt động của ${t.code}?` : `End ${t.code}?`,
        warning: vi
          ? `Không đảo ngược được: từ ngày ${v['effectiveOn'] ?? ''}, ${t.code} không còn cấp, chỉnh sửa hay thu hồi văn bằng; ${successor} giữ sổ gốc, phụ lục và sổ cấp bản sao của ${t.code} và làm các việc đó thay (quy tắc 32, 41, 46). Tài khoản cán bộ của ${t.code} không làm được gì sau ngày này.`
          : `This cannot be undone: from ${v['effectiveOn'] ?? ''}, ${t.code} no longer issues, corrects or revokes; ${successor} holds its registers, appendix and copy register and acts on them instead (rules 32, 41, 46). ${t.code}'s officers can do nothing after that day.`,
        rows: [
          [{ vi: 'Hình thức', en: 'How' }, how ? how[ctx.lang] : ''],
          [{ vi: 'Đơn vị kế thừa', en: 'Successor' }, successor],
          [{ vi: 'Ngày có hiệu lực', en: 'Effective on' }, v['effectiveOn'] ?? ''],
          [{ vi: 'Quyết định', en: 'Decision' }, v['decisionRef'] ?? ''],
        ],
      };
    },
  },
  signer: {
    title: { vi: 'Đăng ký người ký', en: 'Register a signer' },
    submit: { vi: 'Đăng ký người ký', en: 'Register the signer' },
    done: 'signer',
    fields: signerFields,
    command(ctx, v, errors, t) {
      const signerId = text(v, 'signerId', errors, say(ctx, 'Nhập mã người ký.', 'Enter the signer id.')).toLowerCase();
      const fullName = text(v, 'fullName', errors, say(ctx, 'Nhập họ và tên.', 'Enter the full name.'));
      const title = text(v, 'title', errors, say(ctx, 'Nhập chức vụ.', 'Enter the title.'));
      if (!(SIGNER_ROLES as readonly string[]).includes(v['role'] ?? ''))
        errors.push({ field: 'role', message: say(ctx, 'Chọn vai trò ký.', 'Choose the signing role.') });
      const validFrom = readDate(ctx.lang, v, 'validFrom', errors, { vi: 'Ngày bắt đầu ký', en: 'Start date' });
      const validTo = optionalDate(ctx, v, 'validTo', errors, { vi: 'Ngày kết thúc', en: 'End date' });
      if (errors.length > 0) return undefined;
      return {
        type: 'RegisterSigner',
        signerId,
        authorityCode: t.code,
        fullName,
        title,
        role: v['role'] as SignerRoleName,
        validFrom,
        validTo,
        delegationRef: (v['delegationRef'] ?? '').trim() || null,
        officerId: (v['officerId'] ?? '').trim() || null,
      };
    },
  },
  endMandate: {
    title: { vi: 'Kết thúc thẩm quyền ký', en: 'End a signing mandate' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'mandate-ended',
    fields: endMandateFields,
    command(ctx, v, errors, t) {
      const validTo = readDate(ctx.lang, v, 'validTo', errors, { vi: 'Ngày cuối cùng được ký', en: 'Last day' });
      const reason = text(v, 'reason', errors, say(ctx, 'Ghi lý do.', 'State the reason.'));
      if (errors.length > 0 || !t.signer) return undefined;
      return { type: 'EndSignerMandate', authorityCode: t.code, signerId: t.signer.signerId, validTo, reason };
    },
    confirm(ctx, v, t) {
      const vi = ctx.lang === 'vi';
      const s = t.signer!;
      return {
        heading: vi ? `Kết thúc thẩm quyền ký của ${s.fullName}?` : `End ${s.fullName}’s mandate?`,
        warning: vi
          ? `Không đảo ngược được: sau ngày ${v['validTo'] ?? ''}, không văn bằng nào được ký với tên ${s.fullName} (quy tắc 25); văn bằng đã ký trong thời gian có thẩm quyền vẫn giữ giá trị.`
          : `This cannot be undone: after ${v['validTo'] ?? ''} no diploma may be signed in ${s.fullName}'s name (rule 25); diplomas signed during the mandate keep their value.`,
        rows: [
          [{ vi: 'Người ký', en: 'Signer' }, `${s.fullName} — ${s.title}`],
          [{ vi: 'Vai trò', en: 'Role' }, SIGNER_ROLE_WORDS[s.role as SignerRoleName]?.[ctx.lang] ?? s.role],
          [{ vi: 'Ngày cuối cùng được ký', en: 'Last day of signing' }, v['validTo'] ?? ''],
          [{ vi: 'Lý do', en: 'Reason' }, v['reason'] ?? ''],
        ],
      };
    },
  },
  licence: {
    title: { vi: 'Cấp phép cấp chứng chỉ', en: 'Grant a licence to issue certificates' },
    submit: { vi: 'Ghi nhận giấy phép', en: 'Record the licence' },
    done: 'licence',
    fields: (ctx, v, errors, body) => licenceFields(ctx, v, errors, { kinds: LICENSABLE, scope: checked(body, 'scope') }),
    fieldNames: { ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`scope[${i}]`, 'scope'])) },
    command(ctx, v, errors, t, body) {
      const licenceId = text(v, 'licenceId', errors, say(ctx, 'Nhập mã giấy phép.', 'Enter the licence id.')).toLowerCase();
      const decisionRef = text(v, 'decisionRef', errors, say(ctx, 'Nhập số quyết định.', 'Enter the decision.'));
      const decisionDate = readDate(ctx.lang, v, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
      const scope = checked(body, 'scope');
      if (scope.length === 0)
        errors.push({ field: 'scope', message: say(ctx, 'Chọn ít nhất một loại chứng chỉ.', 'Choose at least one kind.') });
      const validFrom = readDate(ctx.lang, v, 'validFrom', errors, { vi: 'Ngày hiệu lực', en: 'Start date' });
      const validTo = optionalDate(ctx, v, 'validTo', errors, { vi: 'Ngày hết hiệu lực', en: 'End date' });
      if (errors.length > 0 || !t.unit) return undefined;
      return {
        type: 'GrantLicence',
        licenceId,
        authorityCode: t.unit,
        grantedBy: t.code,
        decisionRef,
        decisionDate,
        scope,
        validFrom,
        validTo,
      };
    },
  },
} satisfies Record<string, DirectoryAct>;

type ActName = keyof typeof DIRECTORY_ACTS;

const DONE: Record<string, Words> = {
  unit: { vi: 'Đã đăng ký đơn vị trực thuộc.', en: 'The unit is registered.' },
  ended: {
    vi: 'Đã ghi nhận; từ ngày có hiệu lực đơn vị kế thừa giữ sổ gốc.',
    en: 'Recorded; from the effective date the successor holds the registers.',
  },
  signer: { vi: 'Đã đăng ký người ký.', en: 'The signer is registered.' },
  'mandate-ended': { vi: 'Đã ghi nhận ngày kết thúc thẩm quyền ký.', en: 'The end of the mandate is recorded.' },
  licence: { vi: 'Đã ghi nhận giấy phép.', en: 'The licence is recorded.' },
};

/**
 * Administration → the authority directory, editable (issue 13, issue 18 item 2): units under this
 * authority, its merger or abolition with a successor from a date, its signers and their mandates, and
 * the licences of its centres — the same ChangeAuthorityDirectory command as POST /api/v1/authorities/…
 * An act that cannot be undone (ending an authority, ending a mandate) restates itself first.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/admin/directory')
export class ConsoleDirectoryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly settled: ReadYourWrites,
    private readonly access: OfficerAccess,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get()
  @ConsolePage('administrator', 'auditor', 'registrar', 'signer')
  async directory(
    @Param('code') code: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const authority = findAuthority(this.db, code);
    if (!authority) throw authorityNotFound(code);
    const parent = authority.parentCode ? findAuthority(this.db, authority.parentCode) : undefined;
    // Licences have no read model: the directory folded from its stream holds them.
    const licences = ((await this.access.directory()).licences ?? []).filter((l) => l.authorityCode === code || l.grantedBy === code);
    const doneWords = done ? DONE[done] : undefined;
    sendPage(
      response,
      directoryPage(ctx, {
        authority,
        ...(parent ? { parent } : {}),
        subordinates: listSubordinates(this.db, code),
        signers: listSigners(this.db, code),
        predecessors: listPredecessors(this.db, code),
        licences,
        canChange: ctx.actingRole === 'administrator',
        today: vietnamDateOf(new Date()),
        ...(doneWords ? { done: doneWords[ctx.lang] } : {}),
      }),
    );
  }

  @Get('units/new')
  @ConsolePage('administrator')
  unitForm(@Param() p: Params, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('unit', p, request, response, 'units/new');
  }

  @Post('units/new')
  @ConsolePage('administrator')
  unit(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('unit', p, body, request, response, 'units/new', true);
  }

  @Get('end')
  @ConsolePage('administrator')
  endForm(@Param() p: Params, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('end', p, request, response, 'end');
  }

  @Post('end')
  @ConsolePage('administrator')
  endCheck(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('end', p, body, request, response, 'end', false);
  }

  @Post('end/confirmed')
  @ConsolePage('administrator')
  end(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('end', p, body, request, response, 'end', true);
  }

  @Get('signers/new')
  @ConsolePage('administrator')
  signerForm(@Param() p: Params, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('signer', p, request, response, 'signers/new');
  }

  @Post('signers/new')
  @ConsolePage('administrator')
  signer(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('signer', p, body, request, response, 'signers/new', true);
  }

  @Get('signers/:signerId/end-mandate')
  @ConsolePage('administrator')
  endMandateForm(@Param() p: Params, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('endMandate', p, request, response, `signers/${p.signerId}/end-mandate`);
  }

  @Post('signers/:signerId/end-mandate')
  @ConsolePage('administrator')
  endMandateCheck(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('endMandate', p, body, request, response, `signers/${p.signerId}/end-mandate`, false);
  }

  @Post('signers/:signerId/end-mandate/confirmed')
  @ConsolePage('administrator')
  endMandate(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('endMandate', p, body, request, response, `signers/${p.signerId}/end-mandate`, true);
  }

  @Get('units/:unit/licences/new')
  @ConsolePage('administrator')
  licenceForm(@Param() p: Params, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('licence', p, request, response, `units/${p.unit}/licences/new`);
  }

  @Post('units/:unit/licences/new')
  @ConsolePage('administrator')
  licence(@Param() p: Params, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('licence', p, body, request, response, `units/${p.unit}/licences/new`, true);
  }

  // ── The one form flow every act above goes through ───────────────────────────────────────────────

  private showForm(name: ActName, p: Params, request: ConsoleRequest, response: Response, path: string): void {
    const ctx = pageContext(request, response);
    sendPage(response, this.formPage(name, ctx, this.target(p), path, {}, [], undefined));
  }

  private act(
    name: ActName,
    p: Params,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    path: string,
    record: boolean,
  ): Promise<void> {
    const act: DirectoryAct = DIRECTORY_ACTS[name];
    const t = this.target(p);
    const here = `${consoleBase(p.code)}/admin/directory`;
    const confirm = act.confirm;
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const command = act.command(ctx, v, errors, t, body);
        return command && (() => this.commands.execute(new ChangeAuthorityDirectory(command, consoleCommandContext(request, body))));
      },
      ...(confirm && !record
        ? {
            confirm: (ctx: PageContext, v: FormValues) => {
              return confirmNamedAct(ctx, {
                title: act.title,
                nav: 'admin',
                caption: act.title[ctx.lang],
                said: confirm(ctx, v, t),
                path: `${here}/${path}`,
                values: v,
              });
            },
          }
        : {}),
      next: () => `${here}?done=${act.done}`,
      again: (ctx, v, errors, commandId) => this.formPage(name, ctx, t, path, v, errors, commandId, body),
      settle: () => this.settled.settle(),
      ...(act.fieldNames ? { fieldNames: act.fieldNames } : {}),
    });
  }

  private formPage(
    name: ActName,
    ctx: PageContext,
    t: Target,
    path: string,
    v: FormValues,
    errors: readonly FieldError[],
    commandId: string | undefined,
    body?: unknown,
  ): string {
    const act: DirectoryAct = DIRECTORY_ACTS[name];
    const authority = findAuthority(this.db, t.code);
    const unit = t.unit ? findAuthority(this.db, t.unit) : undefined;
    const vi = ctx.lang === 'vi';
    const about = unit
      ? `${unit.name} (${unit.code}) — ${KIND_WORDS[unit.kind as AuthorityKind]?.[ctx.lang] ?? unit.kind}`
      : t.signer
        ? `${t.signer.fullName} — ${t.signer.title}`
        : `${authority?.name ?? t.code} (${t.code})`;
    return actFormPage(ctx, {
      title: act.title,
      caption: act.title[ctx.lang],
      heading: about,
      nav: 'admin',
      ...(name === 'unit' ? { intro: vi ? `Đơn vị mới trực thuộc ${t.code}.` : `The new unit sits under ${t.code}.` } : {}),
      action: `${consoleBase(t.code)}/admin/directory/${path}`,
      fields: act.fields(ctx, v, errors, body),
      submitLabel: act.submit,
      back: backToDirectory(ctx),
      errors,
      ...(commandId ? { commandId } : {}),
    });
  }

  private target(p: Params): Target {
    if (p.signerId) {
      const signer = listSigners(this.db, p.code).find((s) => s.signerId === p.signerId);
      if (!signer) throw notFound('Không có người ký này ở đơn vị.', 'No such signer at this authority.');
      return { code: p.code, signer };
    }
    if (p.unit) {
      // Only a unit directly under this authority, as POST …/subordinates/{subordinate}/licences.
      if (!listSubordinates(this.db, p.code).some((u) => u.code === p.unit))
        throw notFound('Không có đơn vị trực thuộc này.', 'No such unit under this authority.');
      return { code: p.code, unit: p.unit };
    }
    return { code: p.code };
  }
}

interface Params {
  code: string;
  signerId?: string;
  unit?: string;
}

function notFound(vi: string, en: string): DomainError {
  return new DomainError({ code: 'NOT_FOUND', kind: 'not_found', messageVi: vi, messageEn: en });
}
