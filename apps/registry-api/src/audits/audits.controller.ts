import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Database } from 'better-sqlite3';
import { FINDING_SEVERITIES, FINDING_STATES, isWithinScope, type Actor } from '@so-goc/domain';
import { findingsReport, reportToPdf, reportToXlsx } from '@so-goc/documents';
import { AUDIT_PATTERNS, findAuthority, findingHistory, findings, publicListingExemptions, type FindingFilter } from '@so-goc/projections';
import {
  AcknowledgeFinding,
  AssignFinding,
  CloseFinding,
  commandContextFrom,
  expectedRevisionFrom,
  commandReply,
  CurrentActor,
  OfficerAccess,
  OfficerRoute,
  READ_MODELS,
} from '@so-goc/platform';
import { exportReply, PDF, XLSX } from '../exports/file-reply';
import { invalidFilter } from './audit-params';
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
    private readonly access: OfficerAccess,
    private readonly commandBus: CommandBus,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  @Get('audit-findings')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Phát hiện kiểm tra gian lận của đơn vị và các đơn vị trực thuộc (audit findings)' })
  @ApiQuery({ name: 'pattern', required: false, enum: AUDIT_PATTERNS })
  @ApiQuery({ name: 'severity', required: false, enum: FINDING_SEVERITIES })
  @ApiQuery({ name: 'state', required: false, enum: FINDING_STATES })
  @ApiQuery({ name: 'authority', required: false, description: 'one unit only' })
  async list(@Param('code') code: string, @Query() query: Record<string, string | undefined>): Promise<object> {
    const rows = findings(this.db, await this.filter(code, query));
    return {
      findings: rows,
      count: rows.length,
      newSerious: rows.filter((f) => f.state === 'open' && (f.severity === 'critical' || f.severity === 'high')).length,
    };
  }

  @Get('audit-findings/:findingId')
  @OfficerRoute('auditor', 'administrator')
  @ApiOperation({ summary: 'Một phát hiện và lịch sử xử lý (a finding and its handling history)' })
  async one(@Param('code') code: string, @Param('findingId') findingId: string): Promise<object> {
    const [finding] = findings(this.db, await this.filter(code, {})).filter((f) => f.findingId === findingId);
    if (!finding)
      throw invalidFilter(
        'findingId',
        `Không có phát hiện ${findingId} của đơn vị.`,
        `No finding ${findingId} for this authority.`,
        'not_found',
      );
    return { ...finding, history: findingHistory(this.db, findingId) };
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
    const filter = await this.filter(code, query);
    const rows = findings(this.db, filter).filter((f) => f.state !== 'closed');
    const authorityName = findAuthority(this.db, code)?.name ?? code;
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
  async exemptions(@Param('code') code: string): Promise<object> {
    const { authorityCodes } = await this.filter(code, {});
    return { exemptions: publicListingExemptions(this.db, authorityCodes) };
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

  /** The authority and its units (a Sở watches its Phòng and communes), narrowed by the query's filters. */
  private async filter(code: string, query: Record<string, string | undefined>): Promise<FindingFilter> {
    const { pattern, severity, state, authority } = query;
    if (pattern && !(AUDIT_PATTERNS as readonly string[]).includes(pattern))
      throw invalidFilter(
        'pattern',
        `Dấu hiệu phải là một trong ${AUDIT_PATTERNS.join(', ')}.`,
        `pattern must be one of ${AUDIT_PATTERNS.join(', ')}.`,
      );
    if (severity && !(FINDING_SEVERITIES as readonly string[]).includes(severity))
      throw invalidFilter(
        'severity',
        `Mức độ phải là một trong ${FINDING_SEVERITIES.join(', ')}.`,
        `severity must be one of ${FINDING_SEVERITIES.join(', ')}.`,
      );
    if (state && !(FINDING_STATES as readonly string[]).includes(state))
      throw invalidFilter(
        'state',
        `Trạng thái phải là một trong ${FINDING_STATES.join(', ')}.`,
        `state must be one of ${FINDING_STATES.join(', ')}.`,
      );
    const directory = await this.access.directory();
    const scope = [...directory.authorities.keys()].filter((other) =>
      isWithinScope(directory, { authorityCode: code, includeSubordinates: true }, other),
    );
    if (authority && !scope.includes(authority))
      throw invalidFilter(
        'authority',
        `Đơn vị ${authority} không thuộc ${code}.`,
        `Authority ${authority} is not ${code} or one of its units.`,
      );
    return {
      authorityCodes: authority ? [authority] : scope,
      ...(pattern ? { pattern } : {}),
      ...(severity ? { severity } : {}),
      ...(state ? { state } : {}),
    };
  }
}
