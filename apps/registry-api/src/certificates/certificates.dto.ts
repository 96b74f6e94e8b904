import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

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
