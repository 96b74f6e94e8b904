import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { vietnamDateOf, type Actor } from '@so-goc/domain';
import { reportToPdf, reportToXlsx, yearlyReportDocument } from '@so-goc/documents';
import { findAuthority, listSigners, listSubordinates, yearlyReport, type YearlyReport } from '@so-goc/projections';
import { CurrentActor, OfficerRoute, READ_MODELS, READ_ROLES } from '@so-goc/platform';
import { exportReply, PDF, XLSX } from '../exports/file-reply';
import { invalidFilter } from './audit-params';
import { placeOf } from '../exports/letterhead';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The yearly report on blanks and diplomas (§4.9, TT21 Art. 13, rule 15), for any period. */
@ApiTags('audits')
@ApiBearerAuth()
@Controller('api/v1/authorities/:code')
export class YearlyReportController {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Get('yearly-report')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Báo cáo năm về phôi và văn bằng; Sở xem cả các đơn vị trực thuộc và số cộng (yearly report)' })
  @ApiQuery({ name: 'from', required: true, example: '2024-01-01' })
  @ApiQuery({ name: 'to', required: true, example: '2024-12-31' })
  report(@Param('code') code: string, @Query('from') from?: string, @Query('to') to?: string): YearlyReport {
    return this.build(code, from, to);
  }

  @Get('yearly-report.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Báo cáo năm, tải về xlsx hoặc pdf' })
  @ApiProduces(XLSX, PDF)
  async export(
    @Param('code') code: string,
    @Param('format') format: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<StreamableFile> {
    const report = this.build(code, from, to);
    const authority = findAuthority(this.db, code);
    const superior = authority?.parentCode ? findAuthority(this.db, authority.parentCode) : undefined;
    const head = listSigners(this.db, code)
      .filter((s) => s.role === 'head' && s.validFrom <= report.to && (s.validTo === null || s.validTo >= report.to))
      .at(-1);
    const input = yearlyReportDocument({
      ...report,
      authorityCode: code,
      authorityName: authority?.name ?? code,
      ...(superior ? { superiorName: superior.name } : {}),
      place: placeOf(authority?.name ?? code),
      generatedAt: new Date().toISOString(),
      preparedBy: actor.officerId,
      head: head?.fullName ?? '',
    });
    return exportReply(response, format, `bao-cao-nam-${code}-${report.from}-${report.to}`, {
      xlsx: () => reportToXlsx(input),
      pdf: () => reportToPdf(input),
    });
  }

  private build(code: string, from?: string, to?: string): YearlyReport {
    if (!from || !ISO_DATE.test(from)) throw invalidFilter('from', 'Thiếu ngày đầu kỳ (YYYY-MM-DD).', 'from must be a date (YYYY-MM-DD).');
    if (!to || !ISO_DATE.test(to) || to < from)
      throw invalidFilter(
        'to',
        'Ngày cuối kỳ phải là ngày (YYYY-MM-DD), không trước ngày đầu kỳ.',
        'to must be a date (YYYY-MM-DD) not before from.',
      );
    return yearlyReport(this.db, [code, ...reportingUnits(this.db, code)], from, to, vietnamDateOf(new Date()));
  }
}

/** The units below that keep blanks or a register (schools appear once they issue, under TT10). */
export function reportingUnits(db: Database, code: string): string[] {
  return listSubordinates(db, code)
    .map((u) => u.code)
    .filter(
      (unit) =>
        db
          .prepare(
            'SELECT 1 FROM blank_movements WHERE authority_code = ? UNION ALL SELECT 1 FROM register_entries WHERE authority_code = ? LIMIT 1',
          )
          .get(unit, unit) !== undefined,
    );
}
