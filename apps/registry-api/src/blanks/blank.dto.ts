import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BLANK_KINDS, SPOILAGE_REASONS, type BlankKind, type SpoilageReason } from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SerialRangeDto {
  @ApiProperty({ example: 200001 })
  @IsInt()
  @Min(0)
  from!: number;

  @ApiProperty({ example: 202500 })
  @IsInt()
  @Min(0)
  to!: number;
}

export class DocumentRefDto {
  @ApiProperty({ example: 'PGH-0524' })
  @IsString()
  @MaxLength(100)
  number!: string;

  @ApiProperty({ example: '2024-05-20' })
  @Matches(ISO_DATE)
  date!: string;
}

export class CouncilMemberDto {
  @ApiProperty({ example: 'Nguyễn Văn An' }) @IsString() @MaxLength(120) fullName!: string;
  @ApiProperty({ example: 'Giám đốc' }) @IsString() @MaxLength(120) title!: string;
  @ApiProperty({ example: 'Chủ tịch hội đồng' }) @IsString() @MaxLength(120) role!: string;
}

export class ReceiveBlankLotDto {
  @ApiProperty({ example: 'HP-2024-THPT-1' }) @IsString() @MaxLength(64) lotId!: string;
  @ApiProperty({
    example: 'THPT',
    description: `THCS, THPT, THCS_COPY, THPT_COPY, or the blank kind of a certificate kind in the catalogue (${BLANK_KINDS.slice(4).join(', ')}, …)`,
  })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_-]{1,23}$/)
  kind!: BlankKind;
  @ApiProperty({ example: 'TT21/2019' }) @IsString() @MaxLength(50) templateVersion!: string;
  @ApiProperty({ example: 'HP', description: 'Ký hiệu phôi' }) @IsString() @MaxLength(6) prefix!: string;
  @ApiProperty({ example: 7, description: 'Số chữ số của số hiệu' }) @IsInt() @Min(1) @Max(12) width!: number;
  @ApiProperty({ example: 200001 }) @IsInt() @Min(0) from!: number;
  @ApiProperty({ example: 212000 }) @IsInt() @Min(0) to!: number;
  @ApiProperty({ example: 'Nhà in Bộ GDĐT' }) @IsString() @MaxLength(200) supplier!: string;
  @ApiProperty({ type: DocumentRefDto }) @ValidateNested() @Type(() => DocumentRefDto) deliveryNote!: DocumentRefDto;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString() @MaxLength(120) receivedBy!: string;
  @ApiProperty({ example: '2024-05-20' }) @Matches(ISO_DATE) receivedOn!: string;

  @ApiPropertyOptional({ type: [SerialRangeDto], description: 'Số hiệu thiếu trong thùng khi nhận' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SerialRangeDto)
  missing?: SerialRangeDto[];

  @ApiPropertyOptional({ type: [SerialRangeDto], description: 'Số hiệu hỏng khi nhận' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SerialRangeDto)
  damaged?: SerialRangeDto[];
}

class RangesDto {
  @ApiProperty({ type: [SerialRangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SerialRangeDto)
  ranges!: SerialRangeDto[];
}

export class AllocateBlanksDto extends RangesDto {
  @ApiProperty({ example: 'PGD-TN' }) @IsString() @MaxLength(32) toAuthority!: string;
  @ApiProperty({ type: DocumentRefDto }) @ValidateNested() @Type(() => DocumentRefDto) handover!: DocumentRefDto;
  @ApiProperty({ example: '2024-06-01' }) @Matches(ISO_DATE) allocatedOn!: string;
}

export class SpoilBlanksDto extends RangesDto {
  @ApiProperty({ enum: SPOILAGE_REASONS }) @IsIn(SPOILAGE_REASONS) reason!: SpoilageReason;
  @ApiProperty({ example: 'Kẹt giấy khi in' }) @IsString() @MaxLength(500) note!: string;
  @ApiProperty({ example: '2024-08-05' }) @Matches(ISO_DATE) spoiledOn!: string;
}

export class DestroyBlanksDto extends RangesDto {
  @ApiProperty({ type: DocumentRefDto, description: 'Quyết định thành lập hội đồng' })
  @ValidateNested()
  @Type(() => DocumentRefDto)
  councilDecision!: DocumentRefDto;
  @ApiProperty({ type: [CouncilMemberDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members!: CouncilMemberDto[];
  @ApiProperty({ example: 'Nghiền bằng máy hủy tài liệu' }) @IsString() @MaxLength(200) method!: string;
  @ApiProperty({ example: 'Trụ sở Sở GDĐT' }) @IsString() @MaxLength(200) place!: string;
  @ApiProperty({ example: 'BB-HUY-2024-01' }) @IsString() @MaxLength(100) minutesRef!: string;
  @ApiProperty({ example: '2024-12-10' }) @Matches(ISO_DATE) destroyedOn!: string;
}

export class ReportBlanksLostDto extends RangesDto {
  @ApiProperty({ example: 'BB-MAT-2024-01' }) @IsString() @MaxLength(100) minutesRef!: string;
  @ApiProperty({ example: 'Công an phường Lê Chân' }) @IsString() @MaxLength(200) policeUnit!: string;
  @ApiProperty({ example: '2024-09-02T08:30:00+07:00' }) @IsString() @MaxLength(40) policeNotifiedAt!: string;
  @ApiProperty({ example: 'Thất lạc khi chuyển kho' }) @IsString() @MaxLength(2000) circumstances!: string;
  @ApiProperty({ example: '2024-09-01' }) @Matches(ISO_DATE) lostOn!: string;
}

export class ReturnBlanksDto extends RangesDto {
  @ApiProperty({ type: DocumentRefDto }) @ValidateNested() @Type(() => DocumentRefDto) document!: DocumentRefDto;
  @ApiProperty({ example: '2024-06-15' }) @Matches(ISO_DATE) returnedOn!: string;
}
