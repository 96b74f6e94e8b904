import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AUTHORITY_CODE_PATTERN,
  DIPLOMA_KINDS,
  LEGACY_ENTRY_FIELDS,
  LEGACY_FIELD_MARKS,
  type DiplomaKind,
  type LegacyEntryField,
  type LegacyFieldMark,
} from '@so-goc/domain';

export class RegisterLegacyBookDto {
  @ApiPropertyOptional({
    example: 'PGD-TN',
    description: 'The authority whose book it is (default: the one in the path); may be abolished or merged',
  })
  @IsOptional()
  @Matches(AUTHORITY_CODE_PATTERN)
  authorityCode?: string;

  @ApiProperty({ enum: DIPLOMA_KINDS }) @IsIn(DIPLOMA_KINDS) kind!: DiplomaKind;
  @ApiProperty({ example: 'Sổ gốc cấp bằng tốt nghiệp phổ thông trung học' }) @IsString() @MaxLength(200) titleAsWritten!: string;
  @ApiProperty({ example: 1998 }) @IsInt() year!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) volume!: number;
  @ApiProperty({ example: 120 }) @IsInt() @Min(1) pageCount!: number;
}

/** A field is a string as written, or null with its mark saying why. */
const nullableText = () => ValidateIf((_o, value) => value !== null);

export class LegacyFieldsDto implements Partial<Record<LegacyEntryField, string | null>> {
  @ApiPropertyOptional({ example: '105/THPT', nullable: true }) @IsOptional() @nullableText() @IsString() registerNumber?: string | null;
  @ApiPropertyOptional({ example: 'A 045105', nullable: true }) @IsOptional() @nullableText() @IsString() serial?: string | null;
  @ApiPropertyOptional({ example: 'Nguyễn Thị Hoà', nullable: true }) @IsOptional() @nullableText() @IsString() fullName?: string | null;
  @ApiPropertyOptional({ example: '1980', description: 'dd/mm/yyyy, mm/yyyy or yyyy', nullable: true })
  @IsOptional()
  @nullableText()
  @IsString()
  birthDate?: string | null;
  @ApiPropertyOptional({ example: 'Thuỷ Nguyên, Hải Phòng', nullable: true }) @IsOptional() @nullableText() @IsString() birthPlace?:
    string | null;
  @ApiPropertyOptional({ example: 'Nữ', nullable: true }) @IsOptional() @nullableText() @IsString() sex?: string | null;
  @ApiPropertyOptional({ example: 'Kinh', nullable: true }) @IsOptional() @nullableText() @IsString() ethnicity?: string | null;
  @ApiPropertyOptional({ example: 'Trường PTTH Thuỷ Sơn', nullable: true }) @IsOptional() @nullableText() @IsString() school?:
    string | null;
  @ApiPropertyOptional({ example: 'Khá', nullable: true }) @IsOptional() @nullableText() @IsString() classification?: string | null;
  @ApiPropertyOptional({ example: '20/08/1998', nullable: true }) @IsOptional() @nullableText() @IsString() issueDate?: string | null;
  @ApiPropertyOptional({ example: 'Trần Văn Bình', nullable: true }) @IsOptional() @nullableText() @IsString() signerName?: string | null;
  @ApiPropertyOptional({ example: 'KT. Giám đốc, Phó Giám đốc', nullable: true }) @IsOptional() @nullableText() @IsString() signerTitle?:
    string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullableText() @IsString() remarks?: string | null;
}

export class LegacyMarksDto implements Partial<Record<LegacyEntryField, LegacyFieldMark>> {
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) registerNumber?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) serial?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) fullName?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) birthDate?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) birthPlace?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) sex?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) ethnicity?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) school?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) classification?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) issueDate?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) signerName?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) signerTitle?: LegacyFieldMark;
  @ApiPropertyOptional({ enum: LEGACY_FIELD_MARKS }) @IsOptional() @IsIn(LEGACY_FIELD_MARKS) remarks?: LegacyFieldMark;
}

export class LegacyEntryDto {
  @ApiProperty({ example: 3 }) @IsInt() page!: number;
  @ApiProperty({ example: 5 }) @IsInt() line!: number;
  @ApiProperty({ type: LegacyFieldsDto }) @ValidateNested() @Type(() => LegacyFieldsDto) fields!: LegacyFieldsDto;
  @ApiPropertyOptional({ type: LegacyMarksDto }) @IsOptional() @ValidateNested() @Type(() => LegacyMarksDto) marks?: LegacyMarksDto;
}

export class TranscribeLegacyEntriesDto {
  @ApiProperty({ type: [LegacyEntryDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => LegacyEntryDto)
  entries!: LegacyEntryDto[];
}

export class FieldDisagreementDto {
  @ApiProperty({ enum: LEGACY_ENTRY_FIELDS }) @IsIn(LEGACY_ENTRY_FIELDS) field!: LegacyEntryField;
  @ApiProperty({ example: 'Nguyễn Thị Hoa' }) @IsString() @MaxLength(500) readingOnScan!: string;
}

export class DisputedEntryDto {
  @ApiProperty({ example: 'p3-l5' }) @IsString() @MaxLength(20) entryId!: string;
  @ApiProperty({ type: [FieldDisagreementDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FieldDisagreementDto)
  disagreements!: FieldDisagreementDto[];
}

export class CheckLegacyEntriesDto {
  @ApiProperty({ example: ['p3-l1', 'p3-l2'] }) @IsArray() @ArrayMaxSize(5000) @IsString({ each: true }) confirmed!: string[];
  @ApiPropertyOptional({ type: [DisputedEntryDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisputedEntryDto)
  disputed?: DisputedEntryDto[];
}

export class HandOverRegistersDto {
  @ApiProperty({ example: 'UBX-TN', description: 'The body handing its books over' }) @Matches(AUTHORITY_CODE_PATTERN) fromCode!: string;
  @ApiProperty({ enum: DIPLOMA_KINDS }) @IsIn(DIPLOMA_KINDS) kind!: DiplomaKind;
  @ApiProperty({ example: '2026-05-20' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveOn!: string;
  @ApiProperty({ example: 'BB-BG-17/2026' }) @IsString() @MaxLength(100) minutesRef!: string;
  @ApiProperty({ example: ['Sổ gốc cấp bằng tốt nghiệp THCS năm 2025, tập 1'] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  books!: string[];
}
