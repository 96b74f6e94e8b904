import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COPY_REQUEST_CHANNELS,
  REFUSAL_GROUNDS,
  REQUESTER_KINDS,
  type CopyRefusalGround,
  type CopyRequestChannel,
  type RequesterKind,
} from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export class IdDocumentDto {
  @ApiProperty({ example: 'CCCD' }) @IsString() @MaxLength(60) kind!: string;
  @ApiProperty({ example: '031206000123' }) @IsString() @MaxLength(40) number!: string;
}

export class RequesterDto {
  @ApiProperty({ enum: REQUESTER_KINDS }) @IsIn(REQUESTER_KINDS) kind!: RequesterKind;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(120) fullName!: string;
  @ApiProperty({ type: IdDocumentDto }) @ValidateNested() @Type(() => IdDocumentDto) idDocument!: IdDocumentDto;
  @ApiPropertyOptional({ example: 'Giấy ủy quyền công chứng số 12/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  entitlementDocument?: string;
  @ApiPropertyOptional({ example: 'Trích lục khai tử số 5/2026' }) @IsOptional() @IsString() @MaxLength(300) deathCertificate?: string;
}

export class ReceiveCopyRequestDto {
  @ApiProperty({ example: 'bs-2026-0412' }) @IsString() @MaxLength(64) requestId!: string;
  @ApiProperty({
    example: 'sgd-hp-1234-2024-00417',
    description: 'Văn bằng, hoặc mã chứng chỉ trong sổ gốc cấp chứng chỉ (ví dụ TTNN-HP.CC-NN.2026.7)',
  })
  @IsString()
  @MaxLength(128)
  diplomaId!: string;
  @ApiProperty({ type: RequesterDto }) @ValidateNested() @Type(() => RequesterDto) requester!: RequesterDto;
  @ApiProperty({ enum: COPY_REQUEST_CHANNELS }) @IsIn(COPY_REQUEST_CHANNELS) channel!: CopyRequestChannel;
  @ApiProperty({ example: '2026-11-20T15:20:00+07:00' }) @Matches(ISO_INSTANT) receivedAt!: string;
  @ApiPropertyOptional({ example: '2026-11-20T15:20:00+07:00', description: 'Post and online requests count from here (rule 49)' })
  @IsOptional()
  @Matches(ISO_INSTANT)
  dossierCompleteAt?: string;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(100) copies!: number;
}

export class ExtendCopyRequestDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(30) workingDays!: number;
  @ApiProperty({ example: 'Nhiều sổ gốc cần đối chiếu' }) @IsString() @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ example: 'Thoả thuận bằng văn bản ngày 20/11/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  writtenAgreementRef?: string;
}

export class RefuseCopyRequestDto {
  @ApiProperty({ enum: REFUSAL_GROUNDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REFUSAL_GROUNDS, { each: true })
  grounds!: CopyRefusalGround[];
  @ApiProperty({ example: 'Không có giấy ủy quyền của người được cấp văn bằng' }) @IsString() @MaxLength(2000) reasons!: string;
  @ApiProperty({ example: '2026-11-20' }) @Matches(ISO_DATE) refusedOn!: string;
  @ApiProperty({ example: '1201/SGDĐT-QLCL' }) @IsString() @MaxLength(100) letterRef!: string;
}

export class IssueCopiesDto {
  @ApiPropertyOptional({ example: 'HP-BS-THPT-2026', description: 'Lô phôi bản sao; bản sao từ sổ gốc cấp chứng chỉ không dùng phôi' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  lotId?: string;
  @ApiProperty({ example: '2026-11-23' }) @Matches(ISO_DATE) issuedOn!: string;
  @ApiProperty({ example: 'Hải Phòng' }) @IsString() @MaxLength(120) issuePlace!: string;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}

export class VerificationSubjectDto {
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(120) fullName!: string;
  @ApiPropertyOptional({ example: '2006-09-18' }) @IsOptional() @IsString() @MaxLength(10) birthDate?: string;
  @ApiPropertyOptional({ example: 'HP 0203418' }) @IsOptional() @IsString() @MaxLength(40) serial?: string;
  @ApiPropertyOptional({ example: '000417/THPT-2024' }) @IsOptional() @IsString() @MaxLength(40) registerNumber?: string;
}

export class ReceiveVerificationRequestDto {
  @ApiProperty({ example: 'cv-ca-2026-17' }) @IsString() @MaxLength(64) requestId!: string;
  @ApiProperty({ example: 'Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng' }) @IsString() @MaxLength(300) organisation!: string;
  @ApiProperty({ example: '217/PC02' }) @IsString() @MaxLength(100) letterNumber!: string;
  @ApiProperty({ example: '2026-03-01' }) @Matches(ISO_DATE) letterDate!: string;
  @ApiProperty({ example: '2026-03-03' }) @Matches(ISO_DATE) receivedOn!: string;
  @ApiPropertyOptional({ example: 'Điều tra vụ án làm giả văn bằng' }) @IsOptional() @IsString() @MaxLength(500) legalBasis?: string;
  @ApiProperty({ type: [VerificationSubjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => VerificationSubjectDto)
  subjects!: VerificationSubjectDto[];
}

export class AnswerVerificationRequestDto {
  @ApiProperty({ example: '388/SGDĐT-QLCL' }) @IsString() @MaxLength(100) responseLetterNumber!: string;
  @ApiProperty({ example: '2026-03-05' }) @Matches(ISO_DATE) respondedOn!: string;
  @ApiProperty({ example: 'gd-sgd-hp' }) @IsString() @MaxLength(64) signerId!: string;
}
