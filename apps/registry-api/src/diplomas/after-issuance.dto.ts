import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  CORRECTION_GROUNDS,
  HOLDER_FIELDS,
  REVOCATION_GROUNDS,
  REVOCATION_SOURCES,
  type CorrectionGround,
  type HolderField,
  type RevocationGround,
  type RevocationSource,
} from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class FieldChangeDto {
  @ApiProperty({ enum: HOLDER_FIELDS }) @IsIn(HOLDER_FIELDS) field!: HolderField;
  @ApiProperty({ example: '19/09/2006' }) @IsString() @MaxLength(200) after!: string;
}

export class CivilStatusDocumentDto {
  @ApiProperty({ example: 'Trích lục cải chính hộ tịch' }) @IsString() @MaxLength(100) kind!: string;
  @ApiProperty({ example: '125/TLCC' }) @IsString() @MaxLength(100) number!: string;
  @ApiProperty({ example: '2026-03-02' }) @Matches(ISO_DATE) date!: string;
  @ApiProperty({ example: 'UBND phường Lạch Tray' }) @IsString() @MaxLength(200) issuedBy!: string;
}

export class RequestCorrectionDto {
  @ApiProperty({ example: 'cs-2026-01' }) @IsString() @MaxLength(64) requestId!: string;
  @ApiProperty({ enum: CORRECTION_GROUNDS }) @IsIn(CORRECTION_GROUNDS) ground!: CorrectionGround;
  @ApiProperty({ type: [FieldChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => FieldChangeDto)
  changes!: FieldChangeDto[];
  @ApiProperty({ type: CivilStatusDocumentDto }) @ValidateNested() @Type(() => CivilStatusDocumentDto) document!: CivilStatusDocumentDto;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(120) requestedBy!: string;
  @ApiProperty({ example: '2026-03-05' }) @Matches(ISO_DATE) receivedOn!: string;
  @ApiProperty({ example: '2026-03-05', description: 'The day the dossier became complete: the 5 working days run from here (rule 29)' })
  @Matches(ISO_DATE)
  dossierCompleteOn!: string;
}

export class DecideCorrectionDto {
  @ApiProperty({ example: '45/QĐ-SGDĐT' }) @IsString() @MaxLength(60) decisionNumber!: string;
  @ApiProperty({ example: '2026-03-10' }) @Matches(ISO_DATE) decisionDate!: string;
}

export class RefuseCorrectionDto {
  @ApiProperty({ example: 'Trích lục không khớp với người được cấp văn bằng' }) @IsString() @MaxLength(2000) reasons!: string;
  @ApiProperty({ example: '2026-03-09' }) @Matches(ISO_DATE) refusedOn!: string;
}

export class RevokeDiplomaDto {
  @ApiProperty({ example: '99/QĐ-SGDĐT' }) @IsString() @MaxLength(60) decisionNumber!: string;
  @ApiProperty({ example: '2026-02-01' }) @Matches(ISO_DATE) decisionDate!: string;
  @ApiProperty({ enum: REVOCATION_GROUNDS }) @IsIn(REVOCATION_GROUNDS) ground!: RevocationGround;
  @ApiProperty({ example: 'Hồ sơ dự thi dùng học bạ giả' }) @IsString() @MaxLength(2000) reasons!: string;
  @ApiProperty({ enum: REVOCATION_SOURCES }) @IsIn(REVOCATION_SOURCES) source!: RevocationSource;
}

/** Domain §0.5: the diploma issued also as a digital record (its date and the record's reference). */
export class RecordDigitalIssueDto {
  @ApiProperty({ example: '2026-07-14' }) @Matches(ISO_DATE) issuedOn!: string;
  @ApiProperty({ example: 'CSDL-VB-2026-000123', description: 'National-database record id, or the SHA-256 of the file' })
  @IsString()
  @MaxLength(200)
  reference!: string;
}

/** §2.7 "Opened": who proposes is recorded; another officer records the decision (issue 17). */
export class ProposeRevocationDto {
  @ApiProperty({ enum: REVOCATION_GROUNDS }) @IsIn(REVOCATION_GROUNDS) ground!: RevocationGround;
  @ApiProperty({ example: 'Công văn 9/CV-CAHP: học bạ giả' }) @IsString() @MaxLength(2000) reasons!: string;
  @ApiProperty({ enum: REVOCATION_SOURCES }) @IsIn(REVOCATION_SOURCES) source!: RevocationSource;
  @ApiProperty({ example: '2026-02-01' }) @Matches(ISO_DATE) proposedOn!: string;
}

export class PublishRevocationDto {
  @ApiProperty({ example: '2026-02-03' }) @Matches(ISO_DATE) publishedOn!: string;
  @ApiProperty({ example: 'https://haiphong.edu.vn/thu-hoi-van-bang' }) @IsString() @MaxLength(500) where!: string;
}

export class RecipientRefDto {
  @ApiProperty({ enum: ['holder', 'detecting_body', 'employer', 'other'] })
  @IsIn(['holder', 'detecting_body', 'employer', 'other'])
  kind!: string;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(200) name!: string;
}

export class NotifyRevocationDto {
  @ApiProperty({ type: [RecipientRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RecipientRefDto)
  recipients!: RecipientRefDto[];
  @ApiProperty({ example: '2026-02-05', description: 'The 30 days to return the paper run from here (rule 43)' })
  @Matches(ISO_DATE)
  holderReceivedOn!: string;
}

export class RecordReturnDto {
  @ApiProperty({ example: '2026-02-20' }) @Matches(ISO_DATE) returnedOn!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString() @MaxLength(120) receivedBy!: string;
}

export class ReissueDiplomaDto {
  @ApiProperty({ example: '7/QĐ-SGDĐT' }) @IsString() @MaxLength(60) decisionNumber!: string;
  @ApiProperty({ example: '2026-03-02' }) @Matches(ISO_DATE) decisionDate!: string;
  @ApiProperty({ example: 'Ghi sai họ tên so với quyết định công nhận tốt nghiệp' }) @IsString() @MaxLength(2000) issuerError!: string;
  @ApiPropertyOptional({ type: [FieldChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => FieldChangeDto)
  changes?: FieldChangeDto[];
  @ApiProperty({ example: 'HP-2026-THPT-1' }) @IsString() @MaxLength(64) lotId!: string;
  @ApiProperty({ example: '2026-03-03' }) @Matches(ISO_DATE) issueDate!: string;
  @ApiProperty({ example: 'Hải Phòng' }) @IsString() @MaxLength(120) issuePlace!: string;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}
