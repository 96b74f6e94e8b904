import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DIPLOMA_KINDS, RECIPIENT_KINDS, type DiplomaKind, type RecipientKind } from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

/** Multipart fields sent with the graduate list file. */
export class ImportDecisionDto {
  @ApiProperty({ example: 'sgd-hp-1234-2024' }) @Matches(/^[a-z0-9][a-z0-9-]{2,95}$/) decisionId!: string;
  @ApiProperty({ example: '1234/QĐ-SGDĐT' }) @IsString() @MaxLength(60) number!: string;
  @ApiProperty({ example: '2024-07-20' }) @Matches(ISO_DATE) date!: string;
  @ApiProperty({ enum: DIPLOMA_KINDS }) @IsIn(DIPLOMA_KINDS) kind!: DiplomaKind;
  @ApiProperty({ example: '2023-2024' }) @Matches(/^\d{4}-\d{4}$/) schoolYear!: string;
  @ApiPropertyOptional({ example: 'Kỳ thi tốt nghiệp THPT năm 2024' }) @IsOptional() @IsString() @MaxLength(200) examSession?: string;
}

export class ExemptionDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50_000) @IsString({ each: true }) graduateIds!: string[];
  @ApiProperty({ example: 'Công văn 77/CAHP-PX01 (cán bộ công an)' }) @IsString() @MaxLength(500) basis!: string;
}

export class OpenPrintRunDto {
  @ApiProperty({ example: 'thpt-2024-dot-1' }) @Matches(ID) printRunId!: string;
  @ApiProperty({ example: 'sgd-hp-1234-2024' }) @IsString() @MaxLength(96) decisionId!: string;
  @ApiProperty({ example: 'HP-2024-THPT-1' }) @Matches(ID) lotId!: string;
  @ApiProperty({ example: 'TT21-2019' }) @IsString() @MaxLength(50) templateVersion!: string;
  @ApiProperty({ example: '2024-08-05' }) @Matches(ISO_DATE) openedOn!: string;
  @ApiPropertyOptional({ type: [String], description: 'Without it: every graduate of the decision not yet printed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50_000)
  @IsString({ each: true })
  graduateIds?: string[];
  @ApiPropertyOptional({ example: 20, description: 'Spare blanks for misprints, released on close' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  spareBlanks?: number;
  @ApiPropertyOptional({ type: ExemptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExemptionDto)
  exemptFromPublicListing?: ExemptionDto;
}

export class RecordPrintingDto {
  @ApiProperty({ example: '2024-08-06' }) @Matches(ISO_DATE) printedOn!: string;
}

export class RecordMisprintDto {
  @ApiProperty({ example: 'sgd-hp-1234-2024-00417' }) @IsString() @MaxLength(120) diplomaId!: string;
  @ApiProperty({ example: 'Kẹt giấy' }) @IsString() @MaxLength(500) note!: string;
  @ApiProperty({ example: '2024-08-06' }) @Matches(ISO_DATE) reprintedOn!: string;
}

export class SignPrintRunDto {
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
  @ApiProperty({ example: '2024-08-14' }) @Matches(ISO_DATE) issueDate!: string;
  @ApiProperty({ example: 'Hải Phòng' }) @IsString() @MaxLength(120) issuePlace!: string;
}

export class ClosePrintRunDto {
  @ApiProperty({ example: '2024-08-25' }) @Matches(ISO_DATE) closedOn!: string;
}

export class RecipientDto {
  @ApiProperty({ enum: RECIPIENT_KINDS }) @IsIn(RECIPIENT_KINDS) kind!: RecipientKind;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(120) fullName!: string;
  @ApiPropertyOptional({ example: 'Giấy ủy quyền số 15/2024' }) @IsOptional() @IsString() @MaxLength(200) authorisationRef?: string;
  @ApiPropertyOptional({ example: 'CCCD 031206000123' }) @IsOptional() @IsString() @MaxLength(100) idDocument?: string;
}

export class DeliverDiplomaDto {
  @ApiProperty({ type: RecipientDto }) @ValidateNested() @Type(() => RecipientDto) recipient!: RecipientDto;
  @ApiProperty({ example: '2024-08-20' }) @Matches(ISO_DATE) deliveredOn!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString() @MaxLength(120) deliveredBy!: string;
}

export class ReportDiplomaLostDto {
  @ApiProperty({ example: 'BB-MAT-VB-01' }) @IsString() @MaxLength(100) minutesRef!: string;
  @ApiProperty({ example: 'Công an phường Lạch Tray' }) @IsString() @MaxLength(200) policeUnit!: string;
  @ApiProperty({ example: '2024-08-19T09:00:00+07:00' }) @IsString() @MaxLength(40) policeNotifiedAt!: string;
  @ApiProperty({ example: 'Thất lạc khi chuyển về trường' }) @IsString() @MaxLength(2000) circumstances!: string;
  @ApiProperty({ type: [String], example: ['UBND thành phố Hải Phòng', 'Bộ GDĐT'] })
  @IsArray()
  @IsString({ each: true })
  reportedTo!: string[];
  @ApiProperty({ example: '2024-08-18' }) @Matches(ISO_DATE) lostOn!: string;
}
