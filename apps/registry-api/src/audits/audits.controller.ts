import { Body, Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FINDING_SEVERITIES, FINDING_STATES, type Actor } from '@so-goc/domain';
import { findingsReport, reportToPdf, reportToXlsx } from '@so-goc/documents';
import { AUDIT_PATTERNS } from '@so-goc/projections';
import {
  AcknowledgeFinding,
  AssignFinding,
  AuditFindingQuery,
  AuditFindingsQuery,
  CloseFinding,
  commandContextFrom,
  expectedRevisionFrom,
  commandReply,
  CurrentActor,
  OfficerRoute,
  OpenFindingsQuery,
  PublicListingExemptionsQuery,
} from '@so-goc/platform';
import { exportReply, PDF, XLSX } from '../exports/file-reply';
import { placeOf } from '../exports/letterhead';
import { AcknowledgeFindingDto, AssignFindingDto, CloseFindingDto } from './audits.dto';

/**
 * The fraud-audit findings (docs/domain.md §6, issue 15): auditors and administrators see those of their
 * authority and, for a Sở, of its units; they acknowledge, assign and close them.
 */
@ApiTags('audits')
@ApiBearerAuth()
@Controller('api/v1/authorities/:code')
export class AuditsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('audit-findings')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Phát hiện kiểm tra gian lận của đơn vị và các đơn vị trực thuộc (audit findings)' })
  @ApiQuery({ name: 'pattern', required: false, enum: AUDIT_PATTERNS })
  @ApiQuery({ name: 'severity', required: false, enum: FINDING_SEVERITIES })
  @ApiQuery({ name: 'state', required: false, enum: FINDING_STATES })
  @ApiQuery({ name: 'authority', required: false, description: 'one unit only' })
  list(@Param('code') code: string, @Query() query: Record<string, string | undefined>): Promise<object> {
    return this.queries.execute(new AuditFindingsQuery(filterInput(code, query)));
  }

  @Get('audit-findings/:findingId')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Một phát hiện và lịch sử xử lý (a finding and its handling history)' })
  one(@Param('code') code: string, @Param('findingId') findingId: string): Promise<object> {
    return this.queries.execute(new AuditFindingQuery({ authorityCode: code, findingId }));
  }

  @Get('audit-findings.:format')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Các phát hiện đang mở, tải về xlsx hoặc pdf (open findings export)' })
  @ApiProduces(XLSX, PDF)
  async export(
    @Param('code') code: string,
    @Param('format') format: string,
    @Query() query: Record<string, string | undefined>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { filter, rows, authorityName } = await this.queries.execute(new OpenFindingsQuery(filterInput(code, query)));
    const label = [
      filter.pattern && `dấu hiệu ${filter.pattern}`,
      filter.severity && `mức ${filter.severity}`,
      query['authority'] && `đơn vị ${query['authority']}`,
    ]
      .filter(Boolean)
      .join(', ');
    const input = findingsReport({
      authorityCode: code,
      authorityName,
      place: placeOf(authorityName),
      generatedAt: new Date().toISOString(),
      filterLabel: `Các phát hiện chưa đóng${label ? ` (${label})` : ''}`,
      rows: rows.map((f) => ({ ...f, summary: f.summaryVi })),
    });
    return exportReply(response, format, `phat-hien-kiem-tra-${code}`, { xlsx: () => reportToXlsx(input), pdf: () => reportToPdf(input) });
  }

  @Get('public-listing-exemptions')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Văn bằng không công khai tra cứu: ai quyết định, khi nào, căn cứ (exempt-listing audit, §5.1)' })
  exemptions(@Param('code') code: string): Promise<object> {
    return this.queries.execute(new PublicListingExemptionsQuery({ authorityCode: code }));
  }

  @Post('audit-findings/:findingId/acknowledgement')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Tiếp nhận phát hiện (acknowledge)' })
  async acknowledge(
    @Param('findingId') findingId: string,
    @Body() body: AcknowledgeFindingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commandBus.execute(
        new AcknowledgeFinding(findingId, body.note ?? null, commandContextFrom(request, actor), expectedRevisionFrom(request)),
      ),
    );
  }

  @Post('audit-findings/:findingId/assignment')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Giao người xử lý (assign)' })
  async assign(
    @Param('findingId') findingId: string,
    @Body() body: AssignFindingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commandBus.execute(
        new AssignFinding(findingId, body.assignee, body.note ?? null, commandContextFrom(request, actor), expectedRevisionFrom(request)),
      ),
    );
  }

  @Post('audit-findings/:findingId/closing')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Đóng phát hiện, kèm ghi chú (close with a note)' })
  async close(
    @Param('findingId') findingId: string,
    @Body() body: CloseFindingDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commandBus.execute(
        new CloseFinding(findingId, body.note, commandContextFrom(request, actor), expectedRevisionFrom(request)),
      ),
    );
  }
}

/** The query string's filters, as the audit queries take them (they check them and the unit asked for). */
function filterInput(code: string, query: Record<string, string | undefined>) {
  return {
    authorityCode: code,
    pattern: query['pattern'],
    severity: query['severity'],
    state: query['state'],
    authority: query['authority'],
  };
}
