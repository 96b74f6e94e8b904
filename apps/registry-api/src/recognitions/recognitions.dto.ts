import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  DOSSIER_DOCUMENT_KINDS,
  RECOGNITION_CHANNELS,
  RECOGNITION_LEVELS,
  RECOGNITION_REVOCATION_GROUNDS,
  VERIFICATION_OUTCOMES,
  type DossierDocumentKind,
  type ForeignVerificationOutcome,
  type RecognitionChannel,
  type RecognitionLevel,
  type RecognitionRevocationGround,
} from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IdDocumentDto {
  @ApiProperty({ example: 'CCCD' }) @IsString() @MaxLength(60) kind!: string;
  @ApiProperty({ example: '031208000777' }) @IsString() @MaxLength(40) number!: string;
}

export class ApplicantDto {
  @ApiProperty({ example: 'Trần Minh Khôi' }) @IsString() @MaxLength(120) fullName!: string;
  @ApiProperty({ example: '2008-02-14' }) @Matches(ISO_DATE) birthDate!: string;
  @ApiPropertyOptional({ example: 'Hải Phòng' }) @IsOptional() @IsString() @MaxLength(200) birthPlace?: string;
  @ApiProperty({ example: 'Việt Nam' }) @IsString() @MaxLength(80) nationality!: string;
  @ApiProperty({ type: IdDocumentDto }) @ValidateNested() @Type(() => IdDocumentDto) idDocument!: IdDocumentDto;
}

export class ForeignDiplomaDto {
  @ApiProperty({ example: 'High School Diploma' }) @IsString() @MaxLength(200) title!: string;
  @ApiProperty({ example: 'Lincoln High School, Portland, Oregon' }) @IsString() @MaxLength(300) issuer!: string;
  @ApiProperty({ example: 'Hoa Kỳ' }) @IsString() @MaxLength(100) country!: string;
  @ApiProperty({ example: '2026-06-12' }) @Matches(ISO_DATE) issuedOn!: string;
  @ApiPropertyOptional({ example: 'LHS-2026-0419' }) @IsOptional() @IsString() @MaxLength(100) number?: string;
  @ApiProperty({ enum: RECOGNITION_LEVELS }) @IsIn(RECOGNITION_LEVELS) levelSought!: RecognitionLevel;
}

export class DossierDocumentDto {
  @ApiProperty({ enum: DOSSIER_DOCUMENT_KINDS }) @IsIn(DOSSIER_DOCUMENT_KINDS) kind!: DossierDocumentKind;
  @ApiProperty({ example: 'Bản dịch công chứng.pdf' }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ description: 'SHA-256 of the file, lower-case hex' }) @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

export class ReceiveRecognitionDto {
  @ApiProperty({ example: 'cn-2026-0001' }) @IsString() @MaxLength(64) recognitionId!: string;
  @ApiProperty({ enum: RECOGNITION_CHANNELS }) @IsIn(RECOGNITION_CHANNELS) channel!: RecognitionChannel;
  @ApiProperty({ example: '2026-09-07', description: 'The day the dossier was complete; the deadline counts from it' })
  @Matches(ISO_DATE)
  receivedOn!: string;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) applicant!: ApplicantDto;
  @ApiProperty({ type: ForeignDiplomaDto }) @ValidateNested() @Type(() => ForeignDiplomaDto) foreignDiploma!: ForeignDiplomaDto;
  @ApiProperty({ type: [DossierDocumentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DossierDocumentDto)
  dossier!: DossierDocumentDto[];
}

export class SendVerificationDto {
  @ApiProperty({ example: '2026-09-09' }) @Matches(ISO_DATE) sentOn!: string;
  @ApiProperty({ example: '1502/SGDĐT-QLCL' }) @IsString() @MaxLength(100) letterNumber!: string;
  @ApiProperty({ example: 'Lincoln High School, Portland, Oregon' }) @IsString() @MaxLength(300) addressee!: string;
}

export class VerificationAnswerDto {
  @ApiProperty({ example: '2026-10-20' }) @Matches(ISO_DATE) answeredOn!: string;
  @ApiProperty({ enum: VERIFICATION_OUTCOMES }) @IsIn(VERIFICATION_OUTCOMES) outcome!: ForeignVerificationOutcome;
  @ApiProperty({ example: 'Email của nhà trường ngày 20/10/2026' }) @IsString() @MaxLength(200) reference!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class RecogniseDto {
  @ApiProperty({ example: '2026-10-26' }) @Matches(ISO_DATE) decidedOn!: string;
  @ApiProperty({ enum: RECOGNITION_LEVELS }) @IsIn(RECOGNITION_LEVELS) equivalentTo!: RecognitionLevel;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}

export class RefuseRecognitionDto {
  @ApiProperty({ example: '2026-10-22' }) @Matches(ISO_DATE) refusedOn!: string;
  @ApiProperty({ example: '1720/SGDĐT-QLCL' }) @IsString() @MaxLength(100) letterNumber!: string;
  @ApiProperty({ example: 'Cơ sở giáo dục nước ngoài trả lời không cấp văn bằng này cho người đề nghị.' })
  @IsString()
  @MaxLength(2000)
  reasons!: string;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}

export class RevokeRecognitionDto {
  @ApiProperty({ example: '1890/QĐ-SGDĐT' }) @IsString() @MaxLength(100) decisionNumber!: string;
  @ApiProperty({ example: '2026-11-20' }) @Matches(ISO_DATE) revokedOn!: string;
  @ApiProperty({ enum: RECOGNITION_REVOCATION_GROUNDS, isArray: true, example: ['foreign_diploma_not_genuine'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsIn(RECOGNITION_REVOCATION_GROUNDS, { each: true })
  grounds!: RecognitionRevocationGround[];
  @ApiProperty({ example: 'Cơ sở giáo dục nước ngoài xác nhận văn bằng nộp trong hồ sơ không do cơ sở cấp.' })
  @IsString()
  @MaxLength(2000)
  reasons!: string;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}
