import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AcknowledgeFindingDto {
  @ApiPropertyOptional({ example: 'Đã tiếp nhận, chuyển phòng Khảo thí xác minh' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AssignFindingDto {
  @ApiProperty({ example: 'thanh.tra' }) @IsString() @MaxLength(64) assignee!: string;
  @ApiPropertyOptional({ example: 'Xác minh với Công an quận' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CloseFindingDto {
  @ApiProperty({ example: 'Đã chuyển Công an quận Hồng Bàng theo công văn 15/SGDĐT' }) @IsString() @MaxLength(2000) note!: string;
}
