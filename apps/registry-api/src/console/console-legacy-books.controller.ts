import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  DIPLOMA_KINDS,
  DomainError,
  LEGACY_ENTRY_FIELDS,
  MAX_SCAN_BYTES,
  type DiplomaKind,
  type FieldDisagreement,
  type LegacyEntryField,
  type LegacyEntryInput,
  type LegacyFieldMark,
} from '@so-goc/domain';
import type { LegacyBookRow } from '@so-goc/projections';
import {
  AttachLegacyPageScan,
  CheckLegacyEntries,
  HandOverRegisters,
  ImportLegacyEntries,
  LEGACY_SCAN_STORE,
  LegacyBookQuery,
  LegacyBooksQuery,
  LegacyPageQuery,
  LegacyScanQuery,
  LegacySheetRejected,
  PublicRoute,
  READ_ROLES,
  RegisterLegacyBook,
  ScanStore,
  TranscribeLegacyEntries,
} from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { checkingPage, handOverPage, legacyBookPage, legacyBooksPage, MARK_KEYS, typingPage } from './pages/legacy-books.page';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, sentCommandId, type FormValues } from './pages/form-input';
import type { FieldError } from './ui/components';
import type { Lang, Words } from './ui/html';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const DONE: Record<string, Words> = {
  registered: { vi: 'Đã đăng ký quyển sổ.', en: 'The book was registered.' },
  line: { vi: 'Đã ghi dòng. Chép dòng tiếp theo.', en: 'The line was recorded. Type the next one.' },
  scan: { vi: 'Đã lưu bản quét.', en: 'The scan was stored.' },
  checked: { vi: 'Đã ghi kết quả soát.', en: 'The check was recorded.' },
  handed: { vi: 'Đã ghi nhận bàn giao sổ.', en: 'The hand-over was recorded.' },
  imported: {
    vi: 'Đã nhập tệp; các dòng mới chờ người thứ hai soát.',
    en: 'The sheet was imported; new lines await a second officer’s check.',
  },
};

/** A refusal about `entries[0].fields.birthDate` belongs beside the form's `birthDate`. */
function entryFieldErrors(lang: Lang, error: DomainError): FieldError[] {
  return refusalErrors(lang, error).map((e) => ({ ...e, field: e.field.replace(/^entries\[\d+\]\.(fields\.|marks\.)?/, '') }));
}

/**
 * Paper registers in the console (issue 14 §8): the books held and the coverage, registering a book,
 * the typist's page (scan beside a keyboard-first line form), the checker's page (four eyes), page
 * scans, and custody hand-over of books. Each act is the legacy-register command the API sends.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/legacy-books')
export class ConsoleLegacyBooksController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(LEGACY_SCAN_STORE) private readonly scans: ScanStore,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  async books(
    @Param('code') code: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      legacyBooksPage(ctx, {
        ...(await this.queries.execute(new LegacyBooksQuery({ authorityCode: code }))),
        values: {},
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post()
  @ConsolePage('registrar')
  async register(
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const errors: FieldError[] = [];
    const int = (field: string, words: Words): number => {
      const n = Number.parseInt((values[field] ?? '').trim(), 10);
      if (!Number.isInteger(n) || String(n) !== (values[field] ?? '').trim())
        errors.push({ field, message: ctx.lang === 'vi' ? `${words.vi} phải là một số.` : `${words.en} must be a number.` });
      return n;
    };
    const year = int('year', { vi: 'Năm', en: 'The year' });
    const volume = int('volume', { vi: 'Tập', en: 'The volume' });
    const pageCount = int('pageCount', { vi: 'Số trang', en: 'The page count' });
    const kind = values['kind'] ?? '';
    if (!(DIPLOMA_KINDS as readonly string[]).includes(kind))
      errors.push({ field: 'kind', message: ctx.lang === 'vi' ? 'Chọn loại văn bằng.' : 'Choose a kind.' });
    const commandId = sentCommandId(body);
    if (errors.length === 0) {
      try {
        await this.commands.execute(
          new RegisterLegacyBook(
            {
              authorityCode: (values['authorityCode'] ?? '').trim().toUpperCase() || code,
              kind: kind as DiplomaKind,
              titleAsWritten: values['titleAsWritten'] ?? '',
              year,
              volume,
              pageCount,
            },
            consoleCommandContext(request, body),
          ),
        );
        return response.redirect(303, `${consoleBase(code)}/legacy-books?done=registered`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        errors.push(...refusalErrors(ctx.lang, error));
      }
    }
    sendPage(
      response,
      legacyBooksPage(ctx, {
        ...(await this.queries.execute(new LegacyBooksQuery({ authorityCode: code }))),
        values,
        errors,
        ...(commandId ? { commandId } : {}),
      }),
      400,
    );
  }

  /** Bulk intake from Excel, as POST …/legacy-entries/import: every bad row listed with Excel's row number, nothing recorded until the sheet is clean. */
  @Post('import')
  @ConsolePage('registrar')
  @UseInterceptors(FileInterceptor('sheet', { limits: { fileSize: 200 * 1024 * 1024, files: 1 } }))
  async importSheet(
    @Param('code') code: string,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const errors: FieldError[] = [];
    let rowProblems: LegacySheetRejected['rowProblems'] | undefined;
    if (!file) errors.push({ field: 'sheet', message: ctx.lang === 'vi' ? 'Chọn tệp Excel.' : 'Choose an Excel file.' });
    else {
      try {
        const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC');
        await this.commands.execute(
          new ImportLegacyEntries(code, fileName, new Uint8Array(file.buffer), consoleCommandContext(request, body)),
        );
        return response.redirect(303, `${consoleBase(code)}/legacy-books?done=imported`);
      } catch (error) {
        if (error instanceof LegacySheetRejected) {
          rowProblems = error.rowProblems;
          errors.push({ field: 'sheet', message: ctx.lang === 'vi' ? error.problem.messageVi : error.problem.messageEn });
        } else if (isRefusal(error)) errors.push(...refusalErrors(ctx.lang, error).map((e) => ({ ...e, field: 'sheet' })));
        else throw error;
      }
    }
    sendPage(
      response,
      legacyBooksPage(ctx, {
        ...(await this.queries.execute(new LegacyBooksQuery({ authorityCode: code }))),
        values: {},
        errors,
        ...(rowProblems ? { rowProblems } : {}),
      }),
      400,
    );
  }

  @Get('hand-over')
  @ConsolePage('registrar')
  handOverForm(@Query('done') done: string | undefined, @Req() request: ConsoleRequest, @Res() response: Response): void {
    const ctx = pageContext(request, response);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(response, handOverPage(ctx, { values: {}, errors: [], ...(doneText ? { done: doneText } : {}) }));
  }

  @Post('hand-over')
  @ConsolePage('registrar')
  async handOver(
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const values = formValues(body);
    const errors: FieldError[] = [];
    const effectiveOn = readDate(ctx.lang, values, 'effectiveOn', errors, { vi: 'Ngày bàn giao', en: 'Hand-over date' });
    const books = (values['books'] ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const commandId = sentCommandId(body);
    if (errors.length === 0) {
      try {
        await this.commands.execute(
          new HandOverRegisters(
            {
              fromCode: (values['fromCode'] ?? '').trim().toUpperCase(),
              toCode: code,
              kind: (values['kind'] ?? '') as DiplomaKind,
              effectiveOn,
              minutesRef: values['minutesRef'] ?? '',
              books,
            },
            consoleCommandContext(request, body),
          ),
        );
        return response.redirect(303, `${consoleBase(code)}/legacy-books/hand-over?done=handed`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        errors.push(...refusalErrors(ctx.lang, error));
      }
    }
    sendPage(response, handOverPage(ctx, { values, errors, ...(commandId ? { commandId } : {}) }), 400);
  }

  @Get(':bookId')
  @ConsolePage(...READ_ROLES)
  async book(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const progress = await this.queries.execute(new LegacyBookQuery({ authorityCode: code, bookId }));
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      legacyBookPage(ctx, {
        ...progress,
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post(':bookId/go')
  @ConsolePage('registrar')
  async go(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const progress = await this.queries.execute(new LegacyBookQuery({ authorityCode: code, bookId }));
    const { book } = progress;
    const values = formValues(body);
    const pageNo = Number.parseInt(values['page'] ?? '', 10);
    if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > book.pageCount) {
      const errors = [
        {
          field: 'page',
          message: ctx.lang === 'vi' ? `Sổ có các trang 1 đến ${book.pageCount}.` : `The book has pages 1 to ${book.pageCount}.`,
        },
      ];
      return sendPage(response, legacyBookPage(ctx, { ...progress, errors }), 400);
    }
    response.redirect(303, `${this.bookPath(code, bookId)}/pages/${pageNo}${values['mode'] === 'check' ? '/check' : ''}`);
  }

  @Get(':bookId/pages/:page')
  @ConsolePage('registrar')
  async typing(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('page') pageParam: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const book = await this.find(code, bookId);
    const pageNo = this.pageOf(book, pageParam);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      typingPage(ctx, {
        book,
        page: pageNo,
        ...(await this.pageData(code, bookId, pageNo)),
        values: {},
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post(':bookId/pages/:page/entries')
  @ConsolePage('registrar')
  async transcribe(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('page') pageParam: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const book = await this.find(code, bookId);
    const pageNo = this.pageOf(book, pageParam);
    const values = formValues(body);
    const errors: FieldError[] = [];
    const line = Number.parseInt((values['line'] ?? '').trim(), 10);
    if (!Number.isInteger(line) || line < 1)
      errors.push({ field: 'line', message: ctx.lang === 'vi' ? 'Số dòng là một số từ 1.' : 'The line is a number from 1.' });
    const commandId = sentCommandId(body);
    if (errors.length === 0) {
      try {
        await this.commands.execute(
          new TranscribeLegacyEntries(bookId, [entryOf(pageNo, line, values)], consoleCommandContext(request, body)),
        );
        return response.redirect(303, `${this.bookPath(code, bookId)}/pages/${pageNo}?done=line`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        errors.push(...entryFieldErrors(ctx.lang, error));
      }
    }
    sendPage(
      response,
      typingPage(ctx, {
        book,
        page: pageNo,
        ...(await this.pageData(code, bookId, pageNo)),
        values,
        errors,
        ...(commandId ? { commandId } : {}),
      }),
      400,
    );
  }

  @Post(':bookId/pages/:page/scans')
  @ConsolePage('registrar')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SCAN_BYTES + 1, files: 1 } }))
  async attachScan(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('page') pageParam: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const book = await this.find(code, bookId);
    const pageNo = this.pageOf(book, pageParam);
    const uploadErrors: FieldError[] = [];
    if (!file) uploadErrors.push({ field: 'file', message: ctx.lang === 'vi' ? 'Chọn tệp bản quét.' : 'Choose a scan file.' });
    else {
      try {
        await this.commands.execute(
          new AttachLegacyPageScan(bookId, pageNo, new Uint8Array(file.buffer), consoleCommandContext(request, body)),
        );
        return response.redirect(303, `${this.bookPath(code, bookId)}/pages/${pageNo}?done=scan`);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        uploadErrors.push(...refusalErrors(ctx.lang, error).map((e) => ({ ...e, field: 'file' })));
      }
    }
    sendPage(
      response,
      typingPage(ctx, { book, page: pageNo, ...(await this.pageData(code, bookId, pageNo)), values: {}, errors: [], uploadErrors }),
      400,
    );
  }

  @Get(':bookId/scans/:sha256')
  @ConsolePage('registrar')
  async scan(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { mediaType: known } = await this.queries.execute(new LegacyScanQuery({ authorityCode: code, bookId, sha256 }));
    const bytes = this.scans.read(sha256);
    if (!bytes)
      throw new DomainError({
        code: 'SCAN_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có bản quét này.',
        messageEn: 'No such scan.',
        field: 'sha256',
      });
    response.setHeader('Content-Type', known);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(bytes);
  }

  @Get(':bookId/pages/:page/check')
  @ConsolePage('registrar')
  async checkForm(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('page') pageParam: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const book = await this.find(code, bookId);
    const pageNo = this.pageOf(book, pageParam);
    const doneText = done ? DONE[done]?.[ctx.lang] : undefined;
    sendPage(
      response,
      checkingPage(ctx, {
        book,
        page: pageNo,
        ...(await this.pageData(code, bookId, pageNo)),
        errors: [],
        ...(doneText ? { done: doneText } : {}),
      }),
    );
  }

  @Post(':bookId/pages/:page/check')
  @ConsolePage('registrar')
  async check(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('page') pageParam: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const book = await this.find(code, bookId);
    const pageNo = this.pageOf(book, pageParam);
    const values = formValues(body);
    const confirmed: string[] = [];
    const disputed: { entryId: string; disagreements: FieldDisagreement[] }[] = [];
    for (const [key, verdict] of Object.entries(values)) {
      const entryId = /^verdict-(.+)$/.exec(key)?.[1];
      if (!entryId) continue;
      if (verdict === 'ok') confirmed.push(entryId);
      else if (verdict === 'wrong')
        disputed.push({
          entryId,
          disagreements: [
            { field: (values[`field-${entryId}`] ?? '') as LegacyEntryField, readingOnScan: values[`reading-${entryId}`] ?? '' },
          ],
        });
    }
    const commandId = sentCommandId(body);
    try {
      await this.commands.execute(new CheckLegacyEntries(bookId, confirmed, disputed, consoleCommandContext(request, body)));
      return response.redirect(303, `${this.bookPath(code, bookId)}/pages/${pageNo}/check?done=checked`);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      sendPage(
        response,
        checkingPage(ctx, {
          book,
          page: pageNo,
          ...(await this.pageData(code, bookId, pageNo)),
          errors: refusalErrors(ctx.lang, error),
          ...(commandId ? { commandId } : {}),
        }),
        400,
      );
    }
  }

  private async pageData(code: string, bookId: string, pageNo: number) {
    const { scans, entries } = await this.queries.execute(new LegacyPageQuery({ authorityCode: code, bookId, page: pageNo }));
    return { scans, entries };
  }

  private bookPath(code: string, bookId: string): string {
    return `${consoleBase(code)}/legacy-books/${encodeURIComponent(bookId)}`;
  }

  /** A book this authority issued or holds; any other is not found (the API's query, the same rule). */
  private async find(code: string, bookId: string): Promise<LegacyBookRow> {
    return (await this.queries.execute(new LegacyBookQuery({ authorityCode: code, bookId }))).book;
  }

  private pageOf(book: LegacyBookRow, text: string): number {
    const pageNo = Number.parseInt(text, 10);
    if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > book.pageCount)
      throw new DomainError({
        code: 'LEGACY_PAGE_OUT_OF_BOOK',
        kind: 'not_found',
        messageVi: `Sổ có các trang 1 đến ${book.pageCount}.`,
        messageEn: `The book has pages 1 to ${book.pageCount}.`,
        field: 'page',
      });
    return pageNo;
  }
}

/** One typed line: "?" marks a field illegible, "-" marks it blank in the book; an empty box is not sent. */
function entryOf(page: number, line: number, values: FormValues): LegacyEntryInput {
  const fields: Partial<Record<LegacyEntryField, string | null>> = {};
  const marks: Partial<Record<LegacyEntryField, LegacyFieldMark>> = {};
  for (const field of LEGACY_ENTRY_FIELDS) {
    const typed = (values[field] ?? '').trim();
    if (!typed) continue;
    if (typed === MARK_KEYS.illegible) {
      fields[field] = null;
      marks[field] = 'illegible';
    } else if (typed === MARK_KEYS.blank) {
      fields[field] = null;
      marks[field] = 'blank';
    } else fields[field] = typed;
  }
  return { page, line, fields, ...(Object.keys(marks).length > 0 ? { marks } : {}) };
}
