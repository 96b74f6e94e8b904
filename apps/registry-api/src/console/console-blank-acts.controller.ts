import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError, formatRange, isWithinScope, parseSerial, vietnamDateOf, type SerialRange, type SpoilageReason } from '@so-goc/domain';
import { destructionMinutesToPdf, destructionMinutesToXlsx } from '@so-goc/documents';
import { blankReconciliation, blankSerialStatus, destructionMinutes, letterheadOf } from '@so-goc/projections';
import {
  AllocateBlanks,
  DestroyBlanks,
  OfficerAccess,
  PublicRoute,
  READ_MODELS,
  READ_ROLES,
  ReportBlanksLost,
  ReturnBlanks,
  SpoilBlanks,
} from '@so-goc/platform';
import { exportReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { readRanges } from './console-blanks.controller';
import { BLANK_ACTS, blankActPage, confirmDestructionPage, reconciliationPage, serialPage, type BlankAct } from './pages/blank-acts.page';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, formValues, readDate, sentCommandId, type FormValues } from './pages/form-input';
import type { FieldError } from './ui/components';
import type { Lang } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';

/** The command's field names as the form names them, so each refusal lands beside its field. */
const FIELD_NAMES: Record<string, string> = {
  'handover.number': 'handoverNumber',
  'handover.date': 'handoverDate',
  'councilDecision.number': 'councilDecisionNumber',
  'councilDecision.date': 'councilDecisionDate',
  'document.number': 'documentNumber',
  'document.date': 'documentDate',
  lot: 'lotId',
};

type ActCommand = AllocateBlanks | SpoilBlanks | DestroyBlanks | ReportBlanksLost | ReturnBlanks;

/**
 * Blanks after receipt: handing down, spoilage, destruction by council minutes (with a confirmation
 * that restates it), loss, return; a serial's history and the period's reconciliation. Each act goes
 * through the same command as POST …/blank-lots/:lotId/… of the API.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/blanks')
export class ConsoleBlankActsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly access: OfficerAccess,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get('act/:act')
  @ConsolePage('registrar')
  actForm(
    @Param('act') act: string,
    @Query('lot') lot: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    if (!isAct(act)) return response.redirect(303, `${consoleBase(ctx.authorityCode ?? '')}/blanks`);
    sendPage(response, blankActPage(ctx, { act, values: { ...(lot ? { lotId: lot } : {}) }, errors: [] }));
  }

  @Post('act/:act')
  @ConsolePage('registrar')
  act(
    @Param('code') code: string,
    @Param('act') act: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> | void {
    if (!isAct(act)) return response.redirect(303, `${consoleBase(code)}/blanks`);
    const confirmed = formValues(body)['confirmed'];
    let built: ReturnType<typeof buildCommand>;
    return submitFormAct(request, response, body, {
      read: (ctx, values, errors) => {
        const b = (built = buildCommand(ctx.lang, act, code, values, errors));
        return b && (() => this.commands.execute(b.make(consoleCommandContext(request, body))));
      },
      // Destruction cannot be undone (rule 44): restated first; "edit" goes back to the form as it was typed.
      ...(act === 'destroy' && confirmed !== 'yes'
        ? {
            confirm: (ctx: PageContext, values: FormValues) => {
              const commandId = sentCommandId(body);
              if (confirmed === 'edit') return blankActPage(ctx, { act, values, errors: [], ...(commandId ? { commandId } : {}) });
              const { ranges, members } = built!.input as DestroyBlanks['input'];
              const prefix = firstSerialOf(values['ranges'] ?? '');
              return confirmDestructionPage(ctx, {
                values,
                quantity: ranges.reduce((sum, r) => sum + (r.to - r.from + 1), 0),
                ranges: ranges.map((r) => (prefix ? formatRange(prefix.prefix, prefix.width, r) : `${r.from}–${r.to}`)),
                members: members.map((m) => `${m.fullName}, ${m.title} — ${m.role}`),
                ...(commandId ? { commandId } : {}),
              });
            },
          }
        : {}),
      next: () => {
        const minutes =
          act === 'destroy' ? `&minutes=${encodeURIComponent((built!.input as DestroyBlanks['input']).minutesRef.trim())}` : '';
        return `${consoleBase(code)}/blanks?done=${act}${minutes}`;
      },
      again: (ctx, values, errors, commandId) => blankActPage(ctx, { act, values, errors, ...(commandId ? { commandId } : {}) }),
      fieldNames: FIELD_NAMES,
    });
  }

  /** The destruction minutes as the office files them, as GET …/blank-destructions/:minutesRef.:format of the API. */
  @Get('destructions/:minutesRef.:format')
  @ConsolePage(...READ_ROLES)
  async minutes(
    @Param('code') code: string,
    @Param('minutesRef') minutesRef: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const found = destructionMinutes(this.db, code, minutesRef);
    if (!found)
      throw new DomainError({
        code: 'MINUTES_NOT_FOUND',
        kind: 'not_found',
        messageVi: `Không có biên bản huỷ ${minutesRef} của đơn vị.`,
        messageEn: `No destruction minutes ${minutesRef} for this authority.`,
        field: 'minutesRef',
      });
    const input = { ...found, ...letterheadOf(this.db, code), generatedAt: new Date().toISOString() };
    return exportReply(response, format, `bien-ban-huy-phoi-${minutesRef.replace(/[^A-Za-z0-9-]/g, '-')}`, {
      xlsx: () => destructionMinutesToXlsx(input),
      pdf: () => destructionMinutesToPdf(input),
    });
  }

  @Get('serial')
  @ConsolePage(...READ_ROLES)
  async serial(
    @Param('code') code: string,
    @Query('serial') serial: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const typed = (serial ?? '').trim();
    if (!typed) return sendPage(response, serialPage(ctx, { serial: '' }));
    const parsed = parseSerial(typed);
    const status = parsed ? blankSerialStatus(this.db, parsed.prefix, parsed.value) : undefined;
    const directory = await this.access.directory();
    // As the API: a serial is shown only to an authority that held it or handed it on (no peeking at a neighbour's stock).
    const visible =
      status &&
      [status.holder, ...status.history.flatMap((row) => (row.counterpart ? [row.counterpart] : []))].some((holder) =>
        isWithinScope(directory, { authorityCode: code, includeSubordinates: true }, holder),
      );
    if (!status || !visible) {
      const vi = ctx.lang === 'vi';
      return sendPage(
        response,
        serialPage(ctx, {
          serial: typed,
          error: !parsed
            ? vi
              ? 'Nhập số hiệu như in trên phôi, ví dụ HP 0200001.'
              : 'Enter the serial as printed, e.g. HP 0200001.'
            : vi
              ? `Không có phôi số hiệu ${typed} trong sổ của đơn vị.`
              : `No blank ${typed} in this authority's books.`,
        }),
        404,
      );
    }
    sendPage(response, serialPage(ctx, { serial: typed, status }));
  }

  @Get('reconciliation')
  @ConsolePage(...READ_ROLES)
  reconciliation(
    @Param('code') code: string,
    @Query() query: Record<string, unknown>,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const values = formValues(query);
    if (!values['from'] && !values['to']) return sendPage(response, reconciliationPage(ctx, { values, errors: [] }));
    const errors: FieldError[] = [];
    const from = readDate(ctx.lang, values, 'from', errors, { vi: 'Từ ngày', en: 'From date' });
    const to = readDate(ctx.lang, values, 'to', errors, { vi: 'Đến ngày', en: 'To date' });
    if (errors.length > 0) return sendPage(response, reconciliationPage(ctx, { values, errors }), 400);
    const result = blankReconciliation(this.db, code, values['kind'] ?? 'THPT', from, to, vietnamDateOf(new Date()));
    sendPage(response, reconciliationPage(ctx, { values, errors, result }));
  }
}

/** The first serial typed (its letters and width say how to read and show the rest). */
function firstSerialOf(text: string): ReturnType<typeof parseSerial> {
  return parseSerial(
    text
      .trim()
      .split(/\r?\n/)[0]
      ?.split(/\s*[-–]\s*(?=[A-Za-z])/)[0] ?? '',
  );
}

function isAct(act: string): act is BlankAct {
  return (BLANK_ACTS as readonly string[]).includes(act);
}

function buildCommand(
  lang: Lang,
  act: BlankAct,
  code: string,
  v: FormValues,
  errors: FieldError[],
): { input: ActCommand['input']; make: (context: ReturnType<typeof consoleCommandContext>) => ActCommand } | undefined {
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const lotId = (v['lotId'] ?? '').trim();
  if (!lotId) errors.push({ field: 'lotId', message: say('Nhập mã lô phôi.', 'Enter the lot code.') });
  const rangesText = (v['ranges'] ?? '').trim();
  const first = firstSerialOf(rangesText);
  const ranges: SerialRange[] | undefined = first ? readRanges(rangesText, first.prefix) : undefined;
  if (!ranges || ranges.length === 0)
    errors.push({
      field: 'ranges',
      message: say(
        'Mỗi dòng một số hiệu hoặc một đoạn "đầu-cuối" cùng ký hiệu, ví dụ HP 0200001-HP 0200500.',
        'One serial or one "first-last" range with the same letters per line, e.g. HP 0200001-HP 0200500.',
      ),
    });
  const date = (field: string, vi: string, en: string) => readDate(lang, v, field, errors, { vi, en });
  const text = (field: string) => (v[field] ?? '').trim();
  const base = { lotId, authorityCode: code, ranges: ranges ?? [] };
  switch (act) {
    case 'allocate': {
      const input: AllocateBlanks['input'] = {
        ...base,
        toAuthority: text('toAuthority').toUpperCase(),
        handover: { number: text('handoverNumber'), date: date('handoverDate', 'Ngày biên bản', 'Record date') },
        allocatedOn: date('allocatedOn', 'Ngày giao', 'Hand-over date'),
      };
      return { input, make: (c) => new AllocateBlanks(input, c) };
    }
    case 'spoil': {
      const input: SpoilBlanks['input'] = {
        ...base,
        reason: text('reason') as SpoilageReason,
        note: text('note'),
        spoiledOn: date('spoiledOn', 'Ngày ghi nhận', 'Date recorded'),
      };
      return { input, make: (c) => new SpoilBlanks(input, c) };
    }
    case 'destroy': {
      const lines = (v['members'] ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const members = lines.map((line) => {
        const [fullName = '', title = '', role = ''] = line.split(';').map((part) => part.trim());
        return { fullName, title, role };
      });
      if (members.length === 0 || members.some((m) => !m.fullName || !m.title || !m.role))
        errors.push({
          field: 'members',
          message: say(
            'Mỗi dòng một thành viên: họ tên; chức vụ; vai trò trong hội đồng.',
            'One member a line: full name; title; role on the council.',
          ),
        });
      const input: DestroyBlanks['input'] = {
        ...base,
        councilDecision: {
          number: text('councilDecisionNumber'),
          date: date('councilDecisionDate', 'Ngày quyết định', 'Decision date'),
        },
        members,
        method: text('method'),
        place: text('place'),
        minutesRef: text('minutesRef'),
        destroyedOn: date('destroyedOn', 'Ngày huỷ', 'Destruction date'),
      };
      return { input, make: (c) => new DestroyBlanks(input, c) };
    }
    case 'lose': {
      const input: ReportBlanksLost['input'] = {
        ...base,
        minutesRef: text('minutesRef'),
        policeUnit: text('policeUnit'),
        policeNotifiedAt: readDateTime(lang, v, 'policeNotifiedAt', errors),
        circumstances: text('circumstances'),
        lostOn: date('lostOn', 'Ngày mất', 'Date lost'),
      };
      return { input, make: (c) => new ReportBlanksLost(input, c) };
    }
    case 'return': {
      const input: ReturnBlanks['input'] = {
        ...base,
        document: { number: text('documentNumber'), date: date('documentDate', 'Ngày văn bản', 'Document date') },
        returnedOn: date('returnedOn', 'Ngày trả', 'Return date'),
      };
      return { input, make: (c) => new ReturnBlanks(input, c) };
    }
  }
}

/** "02/09/2024 08:30" in Vietnam's time, as the minutes write it; an ISO timestamp is accepted as sent. */
function readDateTime(lang: Lang, v: FormValues, field: string, errors: FieldError[]): string {
  const typed = (v[field] ?? '').trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/.exec(typed);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}T${m[4]!.padStart(2, '0')}:${m[5]}:00+07:00`;
    if (!Number.isNaN(Date.parse(iso))) return iso;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(typed) && !Number.isNaN(Date.parse(typed))) return typed;
  errors.push({
    field,
    message:
      lang === 'vi'
        ? 'Thời điểm theo dạng ngày/tháng/năm giờ:phút, ví dụ 02/09/2024 08:30.'
        : 'Day/month/year hour:minute, for example 02/09/2024 08:30.',
  });
  return '';
}
