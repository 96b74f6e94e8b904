import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { parseSerial, type BlankKind, type SerialRange } from '@so-goc/domain';
import { ledgerToPdf, ledgerToXlsx } from '@so-goc/documents';
import { blankLedger, findAuthority } from '@so-goc/projections';
import { PublicRoute, READ_MODELS, READ_ROLES, ReceiveBlankLot } from '@so-goc/platform';
import { exportReply } from '../exports/file-reply';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { blanksPage, LEDGER_PAGE_SIZE, receiveLotPage } from './pages/blanks.page';
import { submitFormAct } from './pages/act-pages';
import { consoleCommandContext, readDate, type FormValues } from './pages/form-input';
import type { FieldError } from './ui/components';
import type { Lang, Words } from './ui/html';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const FIELD_NAMES = {
  from: 'firstSerial',
  to: 'lastSerial',
  prefix: 'firstSerial',
  width: 'firstSerial',
  'deliveryNote.number': 'deliveryNoteNumber',
  'deliveryNote.date': 'deliveryNoteDate',
};

const DONE_WORDS: Record<string, Words> = {
  received: { vi: 'Đã ghi nhận lô phôi.', en: 'The lot was recorded.' },
  allocate: { vi: 'Đã ghi nhận giao phôi xuống đơn vị.', en: 'The hand-over was recorded.' },
  spoil: { vi: 'Đã ghi phôi hỏng; phôi chờ hội đồng huỷ.', en: 'The blanks were recorded as spoiled; they await the council.' },
  destroy: { vi: 'Đã ghi nhận huỷ phôi theo biên bản.', en: 'The destruction was recorded.' },
  lose: { vi: 'Đã ghi nhận mất phôi.', en: 'The loss was recorded.' },
  return: { vi: 'Đã ghi nhận trả phôi.', en: 'The return was recorded.' },
};

/** Blanks: the ledger and receiving a lot, through the same platform call as POST …/blank-lots. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/blanks')
export class ConsoleBlanksController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  ledger(
    @Param('code') code: string,
    @Query('page') pageParam: string | undefined,
    @Query('done') done: string | undefined,
    @Query('minutes') minutes: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const ctx = pageContext(request, response);
    const rows = blankLedger(this.db, code);
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const doneText = done ? DONE_WORDS[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      blanksPage(ctx, {
        rows: rows.slice((page - 1) * LEDGER_PAGE_SIZE, page * LEDGER_PAGE_SIZE),
        page,
        total: rows.length,
        ...(doneText ? { done: doneText } : {}),
        ...(done === 'destroy' && minutes ? { minutesRef: minutes } : {}),
      }),
    );
  }

  @Get('ledger.:format')
  @ConsolePage(...READ_ROLES)
  async ledgerFile(
    @Param('code') code: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const input = {
      authorityCode: code,
      authorityName: findAuthority(this.db, code)?.name ?? code,
      generatedAt: new Date().toISOString(),
      rows: blankLedger(this.db, code),
    };
    return exportReply(response, format, `so-quan-ly-phoi-${code}`, { xlsx: () => ledgerToXlsx(input), pdf: () => ledgerToPdf(input) });
  }

  @Get('receive')
  @ConsolePage('registrar')
  receiveForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    sendPage(
      response,
      receiveLotPage(pageContext(request, response), { values: { kind: 'THPT', templateVersion: 'TT21-2019' }, errors: [] }),
    );
  }

  @Post('receive')
  @ConsolePage('registrar')
  receive(@Param('code') code: string, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return submitFormAct(request, response, body, {
      read: (ctx, values, errors) => {
        const command = receiptCommand(ctx.lang, code, values, errors);
        return command && (() => this.commands.execute(new ReceiveBlankLot(command, consoleCommandContext(request, body))));
      },
      next: () => `${consoleBase(code)}/blanks?done=received`,
      again: (ctx, values, errors, commandId) => receiveLotPage(ctx, { values, errors, ...(commandId ? { commandId } : {}) }),
      fieldNames: FIELD_NAMES,
    });
  }
}

function receiptCommand(lang: Lang, code: string, v: FormValues, errors: FieldError[]): ReceiveBlankLot['input'] | undefined {
  const first = parseSerial(v['firstSerial'] ?? '');
  const last = parseSerial(v['lastSerial'] ?? '');
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  if (!first)
    errors.push({
      field: 'firstSerial',
      message: say('Nhập số hiệu như in trên phôi, ví dụ HP 0200001.', 'Enter the serial as printed, e.g. HP 0200001.'),
    });
  if (!last)
    errors.push({
      field: 'lastSerial',
      message: say('Nhập số hiệu như in trên phôi, ví dụ HP 0212000.', 'Enter the serial as printed, e.g. HP 0212000.'),
    });
  else if (first && (last.prefix !== first.prefix || last.width !== first.width)) {
    errors.push({
      field: 'lastSerial',
      message: say(
        'Số hiệu cuối phải cùng ký hiệu và cùng số chữ số với số hiệu đầu.',
        'The last serial must have the same letters and number of digits as the first.',
      ),
    });
  }
  const missing = readRanges(v['missing'] ?? '', first?.prefix);
  if (missing === undefined)
    errors.push({
      field: 'missing',
      message: say(
        'Mỗi dòng một số hiệu hoặc một đoạn "đầu-cuối" cùng ký hiệu.',
        'One serial or one "first-last" range with the same letters per line.',
      ),
    });
  const deliveryDate = readDate(lang, v, 'deliveryNoteDate', errors, { vi: 'Ngày phiếu giao nhận', en: 'Delivery note date' });
  const receivedOn = readDate(lang, v, 'receivedOn', errors, { vi: 'Ngày nhận', en: 'Date received' });
  if (!first || !last) return undefined;
  return {
    authorityCode: code,
    lotId: (v['lotId'] ?? '').trim(),
    kind: (v['kind'] ?? '') as BlankKind,
    templateVersion: (v['templateVersion'] ?? '').trim(),
    prefix: first.prefix,
    width: first.width,
    from: first.value,
    to: last.value,
    supplier: v['supplier'] ?? '',
    deliveryNote: { number: (v['deliveryNoteNumber'] ?? '').trim(), date: deliveryDate },
    receivedBy: v['receivedBy'] ?? '',
    receivedOn,
    ...(missing && missing.length > 0 ? { missing } : {}),
  };
}

/** One serial or one "first-last" range a line, all with the same letters. */
export function readRanges(text: string, prefix: string | undefined): SerialRange[] | undefined {
  const ranges: SerialRange[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [a, b] = line.split(/\s*[-–]\s*(?=[A-Za-z])/);
    const from = parseSerial(a ?? '');
    const to = b ? parseSerial(b) : from;
    if (!from || !to || from.prefix !== prefix || to.prefix !== prefix) return undefined;
    ranges.push({ from: from.value, to: to.value });
  }
  return ranges;
}
