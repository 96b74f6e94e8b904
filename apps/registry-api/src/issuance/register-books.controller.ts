import { Controller, Get, Inject, Param, ParseIntPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { registerBookPdfStream, registerBookToXlsx } from '@so-goc/documents';
import type { DiplomaKind } from '@so-goc/domain';
import {
  digitisedRegisterRows,
  letterheadOf,
  registerBook,
  type DigitisedRegisterRow,
  type RegisterBookSectionView,
} from '@so-goc/projections';
import { OfficerRoute, READ_MODELS, READ_ROLES } from '@so-goc/platform';
import { exportReply, PDF, XLSX } from '../exports/file-reply';
import { diplomaKind } from './diploma-kind';
import { registerBookExport } from './register-book-export';

/** The sổ gốc (original register): one book per authority, diploma kind and calendar year. */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/v1/authorities/:code/register-books')
export class RegisterBooksController {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Get(':kind/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ gốc cấp bằng theo loại và năm (JSON), theo thứ tự số vào sổ; kèm các dòng số hóa từ sổ giấy đã kiểm tra' })
  book(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
  ): { kind: DiplomaKind; year: number; sections: RegisterBookSectionView[]; digitised: DigitisedRegisterRow[] } {
    return {
      kind: diplomaKind(kind),
      year,
      sections: registerBook(this.db, { authorityCode: code, kind: diplomaKind(kind), year }),
      digitised: digitisedRegisterRows(this.db, [code], diplomaKind(kind), year),
    };
  }

  @Get(':kind/:year/export.:format')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Sổ gốc tải về dạng xlsx hoặc pdf (A4 ngang, đánh số trang, chỗ ký)' })
  @ApiProduces(XLSX, PDF)
  async export(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const sections = registerBook(this.db, { authorityCode: code, kind: diplomaKind(kind), year });
    const input = registerBookExport(
      { authorityCode: code, ...letterheadOf(this.db, code), kind: diplomaKind(kind), year, generatedAt: new Date().toISOString() },
      sections,
    );
    return exportReply(response, format, `so-goc-${code}-${kind}-${year}`, {
      xlsx: () => registerBookToXlsx(input),
      pdf: () => registerBookPdfStream(input),
    });
  }
}
