import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';

import type { Request, Response } from 'express';
import type { Database } from 'better-sqlite3';
import type { Actor } from '@so-goc/domain';
import type { AppendixRowView, OverdueReturn } from '@so-goc/projections';
import {
  commandReply,
  CorrectionRequestsPastDueQuery,
  CurrentActor,
  DecideCorrection,
  NotifyRevocation,
  officerCommandFrom,
  OfficerRoute,
  OverdueReturnsQuery,
  PublishRevocation,
  READ_MODELS,
  READ_ROLES,
  RegisterAppendixQuery,
  RecordRevokedDiplomaReturned,
  RefuseCorrection,
  ReissueDiploma,
  RequestCorrection,
  RevokeDiploma,
  ProposeRevocation,
  RecordDigitalIssue,
} from '@so-goc/platform';
import { PDF, XLSX } from '../exports/file-reply';
import { diplomaKind } from '../issuance/diploma-kind';
import {
  DecideCorrectionDto,
  NotifyRevocationDto,
  PublishRevocationDto,
  RecordReturnDto,
  RefuseCorrectionDto,
  ReissueDiplomaDto,
  RequestCorrectionDto,
  RevokeDiplomaDto,
  ProposeRevocationDto,
  RecordDigitalIssueDto,
} from './after-issuance.dto';
import { registerAppendixExport } from '../exports/book-exports';

/**
 * Acts after issuance (docs/domain.md §2.5–2.7): corrections, reissue, revocation. They are recorded
 * by the authority that holds the diploma's register on the act's date — the issuer, or its successor.
 */
@ApiTags('after issuance')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID; resending the same key records nothing twice' })
@Controller('api/v1/authorities/:code')
export class AfterIssuanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    // Only for the appendix's export (exports/book-exports.ts renders the file from the read models).
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Post('diplomas/:diplomaId/correction-requests')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Nhận hồ sơ đề nghị chỉnh sửa (4 căn cứ của quy tắc 27); hạn giải quyết 5 ngày làm việc' })
  async requestCorrection(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: RequestCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RequestCorrection, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/correction-requests/:requestId/decision')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Quyết định chỉnh sửa: ghi vào phụ lục sổ gốc, không in lại văn bằng' })
  async decide(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Param('requestId') requestId: string,
    @Body() body: DecideCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(DecideCorrection, { diplomaId, requestId, authorityCode: code, ...body }, request, actor),
      ),
    );
  }

  @Post('diplomas/:diplomaId/correction-requests/:requestId/refusal')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Từ chối chỉnh sửa bằng văn bản, nêu lý do' })
  async refuse(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Param('requestId') requestId: string,
    @Body() body: RefuseCorrectionDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(RefuseCorrection, { diplomaId, requestId, authorityCode: code, ...body }, request, actor),
      ),
    );
  }

  @Post('diplomas/:diplomaId/reissue')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Cấp lại do lỗi của cơ quan cấp: thu hồi văn bằng cũ, in văn bằng mới trên phôi mới, số vào sổ ghi ở phụ lục' })
  async reissue(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: ReissueDiplomaDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(ReissueDiploma, { diplomaId, authorityCode: code, ...body, changes: body.changes ?? [] }, request, actor),
      ),
    );
  }

  @Post('diplomas/:diplomaId/digital-issue')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Ghi nhận cấp văn bằng điện tử (mục 0.5): ngày cấp và mã bản ghi' })
  async recordDigitalIssue(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: RecordDigitalIssueDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RecordDigitalIssue, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/revocation-proposal')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Đề xuất thu hồi văn bằng (§2.7); người đề xuất không tự ghi nhận quyết định (issue 17)' })
  async proposeRevocation(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: ProposeRevocationDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(ProposeRevocation, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/revocation')
  @OfficerRoute('registrar', 'signer')
  @ApiOperation({ summary: 'Thu hồi, hủy bỏ văn bằng (6 căn cứ của quy tắc 40)' })
  async revoke(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: RevokeDiplomaDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(RevokeDiploma, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/revocation/publication')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Công bố quyết định thu hồi trên trang thông tin của cơ quan cấp' })
  async publish(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: PublishRevocationDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(PublishRevocation, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/revocation/notification')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Gửi quyết định thu hồi cho người được cấp và các nơi liên quan; hạn nộp lại 30 ngày' })
  async notify(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: NotifyRevocationDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(NotifyRevocation, { diplomaId, authorityCode: code, ...body }, request, actor)),
    );
  }

  @Post('diplomas/:diplomaId/revocation/return')
  @OfficerRoute('registrar')
  @ApiOperation({ summary: 'Người được cấp nộp lại văn bằng bị thu hồi; phôi chuyển chờ hội đồng hủy' })
  async returned(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Body() body: RecordReturnDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(
        officerCommandFrom(RecordRevokedDiplomaReturned, { diplomaId, authorityCode: code, ...body }, request, actor),
      ),
    );
  }

  @Get('register-appendix/:kind/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Phụ lục sổ gốc: chỉnh sửa và cấp lại, theo thứ tự quyết định' })
  appendix(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<{ rows: AppendixRowView[] }> {
    return this.queries.execute(new RegisterAppendixQuery({ authorityCode: code, kind: diplomaKind(kind), year }));
  }

  @Get('register-appendix/:kind/:year/export.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Phụ lục sổ gốc tải về dạng xlsx hoặc pdf' })
  @ApiProduces(XLSX, PDF)
  exportAppendix(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return registerAppendixExport(this.queries, response, { code, kind: diplomaKind(kind), year, format });
  }

  @Get('correction-requests/past-due')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Hồ sơ chỉnh sửa chưa giải quyết quá 5 ngày làm việc (quy tắc 29)' })
  @ApiQuery({ name: 'today', required: false, example: '2026-03-13' })
  correctionsPastDue(@Param('code') code: string, @Query('today') today?: string): Promise<object> {
    return this.queries.execute(new CorrectionRequestsPastDueQuery({ authorityCode: code, today }));
  }

  @Get('revocations/overdue-returns')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Văn bằng bị thu hồi quá 30 ngày chưa nộp lại (quy tắc 43)' })
  @ApiQuery({ name: 'today', required: false, example: '2026-03-08' })
  overdue(@Param('code') code: string, @Query('today') today?: string): Promise<{ today: string; overdue: OverdueReturn[] }> {
    return this.queries.execute(new OverdueReturnsQuery({ authorityCode: code, today }));
  }
}
