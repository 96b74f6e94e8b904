import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CERTIFICATE_CORRECTABLE_FIELDS,
  CERTIFICATE_CORRECTION_GROUNDS,
  type CertificateCorrectableField,
  type CorrectionGround,
} from '@so-goc/domain';
import { CivilStatusDocumentDto } from '../diplomas/after-issuance.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Issue 18 item 3: a session's results list (the file, multipart field "file") becomes the issuance decision
 * and the register entries; every bad row is reported, and nothing is recorded while one is bad.
 */
export class IssueCertificatesDto {
  @ApiProperty({ example: 'CC-NN', description: 'Mã loại chứng chỉ trong danh mục (GET …/credential-kinds)' })
  @IsString()
  kindCode!: string;
  @ApiProperty({ example: 'ttnn-hp-2026-06' }) @IsString() @MaxLength(64) sessionId!: string;
  @ApiProperty({ example: 'Kỳ thi tiếng Anh tháng 6/2026' }) @IsString() @MaxLength(200) sessionName!: string;
  @ApiProperty({ example: '245/QĐ-TTNN', description: 'Số quyết định cấp chứng chỉ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  decisionNumber!: string;
  @ApiProperty({ example: '2026-07-01' }) @Matches(ISO_DATE) decisionDate!: string;
  @ApiProperty({ example: 'Trần Văn Bình', description: 'Người ký quyết định và chứng chỉ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  signerName!: string;

  @ApiPropertyOptional({
    example: 'gd-ttnn',
    description:
      'Mã người ký trong danh mục đơn vị; khi thiếu, người ký được tìm theo tên (rules 6, 25: phải là người ký của đơn vị, còn thẩm quyền vào ngày quyết định)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  signerId?: string;
}

export class HandOverCertificatesDto {
  @ApiProperty({ example: ['TTNN-HP.CC-NN.2026.1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @IsString({ each: true })
  certificateIds!: string[];
  @ApiProperty({ example: '2026-07-10' }) @Matches(ISO_DATE) handedOverOn!: string;
  @ApiProperty({ example: 'Nguyễn Thị Hoa (người nhận)' }) @IsString() @MaxLength(200) recipient!: string;
  @ApiProperty({ example: 'BB-BG-07/2026' }) @IsString() @MaxLength(100) minutesRef!: string;
}

export class RevokeCertificateDto {
  @ApiProperty({ example: '301/QĐ-TTNN' }) @IsString() @MaxLength(100) decisionRef!: string;
  @ApiProperty({ example: '2026-08-01' }) @Matches(ISO_DATE) revokedOn!: string;
  @ApiProperty({ example: 'Gian lận trong kỳ thi' }) @IsString() @MaxLength(500) reason!: string;
}

export class CertificateFieldChangeDto {
  @ApiProperty({ enum: CERTIFICATE_CORRECTABLE_FIELDS }) @IsIn(CERTIFICATE_CORRECTABLE_FIELDS) field!: CertificateCorrectableField;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(200) after!: string;
}

/** A correction dossier for a certificate (rules 27–29 as for a diploma): the 5 working days run from completeness. */
export class RequestCertificateCorrectionDto {
  @ApiProperty({ example: 'cc-cs-2026-01' }) @IsString() @MaxLength(64) requestId!: string;
  @ApiProperty({ enum: CERTIFICATE_CORRECTION_GROUNDS }) @IsIn(CERTIFICATE_CORRECTION_GROUNDS) ground!: CorrectionGround;
  @ApiProperty({ type: [CertificateFieldChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => CertificateFieldChangeDto)
  changes!: CertificateFieldChangeDto[];
  @ApiProperty({ type: CivilStatusDocumentDto }) @ValidateNested() @Type(() => CivilStatusDocumentDto) document!: CivilStatusDocumentDto;
  @ApiProperty({ example: 'Nguyễn Thị Thuỷ' }) @IsString() @MaxLength(120) requestedBy!: string;
  @ApiProperty({ example: '2026-08-03' }) @Matches(ISO_DATE) receivedOn!: string;
  @ApiProperty({ example: '2026-08-03' }) @Matches(ISO_DATE) dossierCompleteOn!: string;
}

export class DecideCertificateCorrectionDto {
  @ApiProperty({ example: '52/QĐ-TTNN' }) @IsString() @MaxLength(60) decisionNumber!: string;
  @ApiProperty({ example: '2026-08-05' }) @Matches(ISO_DATE) decisionDate!: string;
}

export class RefuseCertificateCorrectionDto {
  @ApiProperty({ example: 'Trích lục không khớp với người được cấp chứng chỉ' }) @IsString() @MaxLength(2000) reasons!: string;
  @ApiProperty({ example: '2026-08-05' }) @Matches(ISO_DATE) refusedOn!: string;
}
