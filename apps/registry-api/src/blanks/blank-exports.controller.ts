import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { DomainError } from '@so-goc/domain';
import { destructionMinutesToPdf, destructionMinutesToXlsx, ledgerToPdf, ledgerToXlsx } from '@so-goc/documents';
import { blankLedger, destructionMinutes, findAuthority, letterheadOf } from '@so-goc/projections';
import { OfficerRoute, READ_MODELS, READ_ROLES } from '@so-goc/platform';
import { exportReply, PDF, XLSX } from '../exports/file-reply';

/** The blank ledger and destruction minutes as officers file them: Excel and PDF. */
@ApiTags('blanks')
@ApiBearerAuth()
@Controller('api/v1/authorities/:code')
export class BlankExportsController {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Get('blank-ledger.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ quản lý phôi, tải về dạng xlsx hoặc pdf (blank ledger export)' })
  @ApiProduces(XLSX, PDF)
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  async ledger(
    @Param('code') code: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
    @Query('kind') kind?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<StreamableFile> {
    const filter = { ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const input = {
      authorityCode: code,
      ...letterheadOf(this.db, code),
      ...filter,
      generatedAt: new Date().toISOString(),
      rows: blankLedger(this.db, code, filter).map((r) => ({ ...r, counterpart: counterpartName(this.db, r.counterpart) })),
    };
    return exportReply(response, format, `so-quan-ly-phoi-${code}${kind ? `-${kind}` : ''}`, {
      xlsx: () => ledgerToXlsx(input),
      pdf: () => ledgerToPdf(input),
    });
  }

  @Get('blank-destructions/:minutesRef.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Biên bản huỷ phôi, tải về dạng xlsx hoặc pdf (destruction minutes export)' })
  @ApiProduces(XLSX, PDF)
  async minutes(
    @Param('code') code: string,
    @Param('minutesRef') minutesRef: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const minutes = destructionMinutes(this.db, code, minutesRef);
    if (!minutes) {
      throw new DomainError({
        code: 'MINUTES_NOT_FOUND',
        kind: 'not_found',
        messageVi: `Không có biên bản huỷ ${minutesRef} của đơn vị.`,
        messageEn: `No destruction minutes ${minutesRef} for this authority.`,
        field: 'minutesRef',
      });
    }
    const input = { ...minutes, ...letterheadOf(this.db, code), generatedAt: new Date().toISOString() };
    return exportReply(response, format, `bien-ban-huy-phoi-${minutesRef.replace(/[^A-Za-z0-9-]/g, '-')}`, {
      xlsx: () => destructionMinutesToXlsx(input),
      pdf: () => destructionMinutesToPdf(input),
    });
  }
}

/** People read names on the ledger, not codes (issue 17: "THPT-NQ"); a supplier or an unknown code stays as written. */
function counterpartName(db: Database, counterpart: string | null): string | null {
  return counterpart === null ? null : (findAuthority(db, counterpart)?.name ?? counterpart);
}
