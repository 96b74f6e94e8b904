import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AUTHORITY_CODE_PATTERN, AUTHORITY_KINDS, type AuthorityKind } from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterAuthorityDto {
  @ApiProperty({ example: 'SGD-HP', description: 'Mã đơn vị (2–32 chữ in hoa, chữ số, gạch ngang)' })
  @IsString()
  @Matches(AUTHORITY_CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: 'Sở Giáo dục và Đào tạo Hải Phòng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: AUTHORITY_KINDS })
  @IsIn(AUTHORITY_KINDS)
  kind!: AuthorityKind;

  @ApiPropertyOptional({ example: 'BGDDT', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(AUTHORITY_CODE_PATTERN)
  parentCode?: string | null;

  @ApiProperty({ example: '2020-01-15', description: 'Ngày bắt đầu hoạt động (YYYY-MM-DD)' })
  @IsString()
  @Matches(ISO_DATE)
  registeredOn!: string;
}

export class RenameAuthorityDto {
  @ApiProperty({ example: 'Sở Giáo dục và Đào tạo thành phố Hải Phòng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsString()
  @Matches(ISO_DATE)
  effectiveOn!: string;
}
