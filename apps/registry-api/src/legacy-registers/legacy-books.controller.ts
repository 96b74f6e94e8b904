import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, legacyBookDecider, legacyBookStream, MAX_SCAN_BYTES, type Actor } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import {
  AmendLegacyEntry,
  AttachLegacyPageScan,
  CheckLegacyEntries,
  commandContextFrom,
  expectedRevisionFrom,
  commandReply,
  CurrentActor,
  EVENT_STORE,
  HandOverRegisters,
  ImportLegacyEntries,
  LEGACY_SCAN_STORE,
  loadState,
  OfficerRoute,
  CoverageQuery,
  LegacyBookQuery,
  LegacyFraudSignalsQuery,
  READ_ROLES,
  RegisterLegacyBook,
  ScanStore,
  TranscribeLegacyEntries,
} from '@so-goc/platform';
import {
  CheckLegacyEntriesDto,
  HandOverRegistersDto,
  LegacyEntryDto,
  RegisterLegacyBookDto,
  TranscribeLegacyEntriesDto,
} from './legacy-book.dto';

type Upload = { originalname: string; buffer: Buffer } | undefined;

function fileMissing(): DomainError {
  return new DomainError({
    code: 'FILE_MISSING',
    kind: 'invalid_input',
    messageVi: 'Chưa đính kèm tệp (trường "file").',
    messageEn: 'No file attached (field "file").',
    field: 'file',
  });
}

/** Paper register books brought into the registry: the book, its page scans, its lines typed and checked (issue 14). */
@ApiTags('legacy registers')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending with the same key records nothing new' })
@Controller('api/v1/authorities/:code')
export class LegacyBooksController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEGACY_SCAN_STORE) private readonly scans: ScanStore,
    private readonly queries: QueryBus,
  ) {}

  @Get('legacy-books/:bookId')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Tiến độ số hóa một quyển sổ: theo trang và theo cán bộ; các dòng chờ xem lại' })
  progress(@Param('code') code: string, @Param('bookId') bookId: string): Promise<object> {
    return this.queries.execute(new LegacyBookQuery({ authorityCode: code, bookId }));
  }

  @Get('coverage')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Phạm vi dữ liệu theo đơn vị, loại, năm: cấp trong hệ thống, đã số hóa và kiểm tra, chưa kiểm tra' })
  coverage(@Param('code') code: string): Promise<object> {
    return this.queries.execute(new CoverageQuery({ authorityCode: code }));
  }

  @Get('legacy-fraud-signals')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Số hiệu số hóa từ sổ cũ nằm trong lô phôi hệ thống đã nhận (dấu hiệu gian lận)' })
  fraudSignals(@Param('code') code: string): Promise<object> {
    return this.queries.execute(new LegacyFraudSignalsQuery({ authorityCode: code }));
  }

  @Post('legacy-books')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi nhận một quyển sổ gốc giấy (đơn vị, loại, năm, tập, số trang)' })
  async register(
    @Param('code') code: string,
    @Body() body: RegisterLegacyBookDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const { authorityCode, ...book } = body;
    const outcome = await this.commands.execute(
      new RegisterLegacyBook(
        { ...book, authorityCode: authorityCode ?? code },
        commandContextFrom(request, actor),
        expectedRevisionFrom(request),
      ),
    );
    return commandReply(response, outcome, { bookId: outcome.stream.replace(/^legacy-book-/, '') });
  }

  @Post('legacy-books/:bookId/pages/:page/scans')
  @OfficerRoute('registrar')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SCAN_BYTES + 1, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Đính kèm bản quét một trang (JPEG, PNG, PDF); lưu theo mã SHA-256' })
  async attachScan(
    @Param('bookId') bookId: string,
    @Param('page', ParseIntPipe) page: number,
    @UploadedFile() file: Upload,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    if (!file) throw fileMissing();
    const outcome = await this.commands.execute(
      new AttachLegacyPageScan(
        bookId,
        page,
        new Uint8Array(file.buffer),
        commandContextFrom(request, actor),
        expectedRevisionFrom(request),
      ),
    );
    return commandReply(response, outcome);
  }

  @Get('legacy-books/:bookId/scans/:sha256')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Tải bản quét một trang theo mã SHA-256' })
  async scan(
    @Param('code') code: string,
    @Param('bookId') bookId: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const state = await loadState(this.store, legacyBookDecider, legacyBookStream(bookId));
    const scan = [...state.scans.values()].flat().find((s) => s.sha256 === sha256);
    const bytes = scan && (state.custodianCode === code || state.header?.authorityCode === code) ? this.scans.read(sha256) : undefined;
    if (!scan || !bytes)
      throw new DomainError({
        code: 'SCAN_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có bản quét này.',
        messageEn: 'No such scan.',
        field: 'sha256',
      });
    response.setHeader('Content-Type', scan.mediaType);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    return new StreamableFile(bytes);
  }

  @Post('legacy-books/:bookId/entries')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Nhập các dòng của sổ như đã ghi (ngày sinh thiếu, ô không đọc được, ô để trống)' })
  async transcribe(
    @Param('bookId') bookId: string,
    @Body() body: TranscribeLegacyEntriesDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        new TranscribeLegacyEntries(bookId, body.entries, commandContextFrom(request, actor), expectedRevisionFrom(request)),
      ),
    );
  }

  @Put('legacy-books/:bookId/entries/:entryId')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Sửa một dòng chưa được kiểm tra' })
  async amend(
    @Param('bookId') bookId: string,
    @Param('entryId') entryId: string,
    @Body() body: LegacyEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    if (entryId !== `p${body.page}-l${body.line}`) {
      throw new DomainError({
        code: 'ENTRY_ID_MISMATCH',
        kind: 'invalid_input',
        messageVi: 'Mã dòng trên đường dẫn khác trang/dòng gửi lên.',
        messageEn: 'The entry id in the path differs from the page and line sent.',
        field: 'entryId',
      });
    }
    return commandReply(
      response,
      await this.commands.execute(new AmendLegacyEntry(bookId, body, commandContextFrom(request, actor), expectedRevisionFrom(request))),
    );
  }

  @Post('legacy-books/:bookId/checks')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Người thứ hai đối chiếu với bản quét: xác nhận các dòng, hoặc nêu trường khác bản quét' })
  async check(
    @Param('bookId') bookId: string,
    @Body() body: CheckLegacyEntriesDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        new CheckLegacyEntries(
          bookId,
          body.confirmed,
          body.disputed ?? [],
          commandContextFrom(request, actor),
          expectedRevisionFrom(request),
        ),
      ),
    );
  }

  @Post('register-hand-overs')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Ghi nhận biên bản nhận bàn giao sổ gốc (TT10/2026: UBND xã bàn giao sổ gốc THCS cho Sở trước 31/05/2026)' })
  async handOver(
    @Param('code') code: string,
    @Body() body: HandOverRegistersDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        new HandOverRegisters({ ...body, toCode: code }, commandContextFrom(request, actor), expectedRevisionFrom(request)),
      ),
    );
  }

  @Post('legacy-entries/import')
  @OfficerRoute('registrar')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 200 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Nhập hàng loạt từ Excel (mỗi dòng ghi loại, năm, tập, trang, dòng); sai dòng nào báo dòng đó, không ghi gì' })
  async import(
    @Param('code') code: string,
    @UploadedFile() file: Upload,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    if (!file) throw fileMissing();
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').normalize('NFC');
    const outcome = await this.commands.execute(
      new ImportLegacyEntries(code, fileName, new Uint8Array(file.buffer), commandContextFrom(request, actor)),
    );
    response.status(outcome.books.some((book) => book.entriesRecorded > 0) ? 201 : 200);
    return outcome;
  }
}
