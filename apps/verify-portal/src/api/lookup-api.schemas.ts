import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOOKUP_STATUSES, type LookupStatus } from '../lookup/lookup-answer';

/* OpenAPI shapes of the JSON answers; the handlers build plain objects of the same form. */

export class IssuerDto {
  @ApiProperty({ example: 'SGD-HP' }) code!: string;
  @ApiProperty({ example: 'Sở Giáo dục và Đào tạo Hải Phòng' }) name!: string;
}

export class HolderDto {
  @ApiProperty({ example: 'Nguyễn Thị Thu Hằng', description: 'As the register spells it (NFC).' }) fullName!: string;
  @ApiProperty({ example: '2006-09-18', description: 'ISO date; "2006-09" or "2006" for old records that kept only the month or year.' })
  birthDate!: string;
  @ApiPropertyOptional({ example: 'Hải Phòng', description: 'Only on the QR answer.' }) birthPlace?: string;
}

export class DiplomaDto {
  @ApiProperty({ enum: ['THCS', 'THPT'] }) kind!: string;
  @ApiProperty({ example: 'HP 0203418' }) serial!: string;
  @ApiPropertyOptional({ example: '000417/THPT-2024', description: 'Only when the query gave it, or on the QR answer.' })
  registerNumber?: string;
  @ApiProperty({ type: IssuerDto }) issuer!: IssuerDto;
  @ApiProperty({ example: '2024-08-14' }) issueDate!: string;
  @ApiPropertyOptional({ type: HolderDto, description: 'Only when the query gave name and birth date, or on the QR answer.' })
  holder?: HolderDto;
}

export class DecisionRefDto {
  @ApiProperty({ example: '152/QĐ-SGDĐT' }) decisionNumber!: string;
  @ApiProperty({ example: '2025-03-02' }) decisionDate!: string;
}

export class ReplacementDto extends DecisionRefDto {
  @ApiProperty({ example: 'HP 0209911' }) serial!: string;
}

export class CopyDto {
  @ApiProperty({ example: '000412/BS-THPT-2026' }) copyNumber!: string;
  @ApiProperty({ example: '2026-11-23' }) issuedOn!: string;
  @ApiProperty({ example: 'SGD-HP' }) issuerCode!: string;
}

export class LookupAnswerDto {
  @ApiProperty({
    enum: LOOKUP_STATUSES,
    description:
      'VALID; VALID_WITH_CORRECTIONS (see corrections); REPLACED (see replacedBy); REVOKED (see revocation); NO_LONGER_VALID; NOT_FOUND; ' +
      'NOT_PUBLIC (this diploma cannot be looked up online: ask the issuer); FORGED (the token is not genuine or does not match the register).',
  })
  status!: LookupStatus;
  @ApiProperty({ example: 'Văn bằng có trong sổ gốc của cơ quan cấp và đang có giá trị.' }) messageVi!: string;
  @ApiProperty({ example: 'The diploma is in the issuing authority’s original register and is valid.' }) messageEn!: string;
  @ApiPropertyOptional({ type: DiplomaDto, description: 'Absent for NOT_FOUND, NOT_PUBLIC and FORGED.' }) diploma?: DiplomaDto;
  @ApiPropertyOptional({ type: [DecisionRefDto] }) corrections?: DecisionRefDto[];
  @ApiPropertyOptional({
    description: 'NOT_FOUND only: which issuers and years this registry holds, {vi, en}; the same whoever was asked for',
    example: {
      vi: 'Hệ thống này giữ văn bằng THPT của Sở … các năm 1998, 2024. …',
      en: 'This registry holds THPT diplomas of … for 1998, 2024. …',
    },
  })
  coverage?: { vi: string; en: string };
  @ApiPropertyOptional({
    description:
      'NOT_FOUND only, when issuerCode and year were given: {authority {code, name}, year, kinds: [{kind, issued, books: [{volume, title, pageCount, ' +
      'pagesChecked, linesChecked, linesUnchecked, digitisation: complete | partial | not_started, holder {code, name}}]}]}; kinds is empty for a year never digitised',
  })
  coverageOf?: object;
  @ApiPropertyOptional({ type: ReplacementDto }) replacedBy?: ReplacementDto;
  @ApiPropertyOptional({ type: DecisionRefDto }) revocation?: DecisionRefDto;
  @ApiPropertyOptional({ type: CopyDto, description: 'Only when a copy from the register (bản sao) was scanned: which copy it is' })
  copy?: CopyDto;
  @ApiProperty({ example: '2025-01-05T03:04:05.000Z', description: 'When the live status was read.' }) checkedAt!: string;
}

export class FieldProblemDto {
  @ApiProperty() field!: string;
  @ApiProperty() code!: string;
  @ApiProperty() messageVi!: string;
  @ApiProperty() messageEn!: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:so-goc:problem:birth-date-format' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({
    example: 'BIRTH_DATE_FORMAT',
    description: 'Stable code: INVALID_INPUT (several problems) or the one field problem’s code; RATE_LIMITED on 429.',
  })
  code!: string;
  @ApiProperty() messageVi!: string;
  @ApiProperty() messageEn!: string;
  @ApiPropertyOptional({ example: 'birthDate' }) field?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) fieldProblems?: FieldProblemDto[];
  @ApiPropertyOptional({ description: 'On 429: seconds to wait, as in Retry-After.' }) retryAfterSeconds?: number;
}
