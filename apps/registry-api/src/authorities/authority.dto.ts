import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AUTHORITY_CODE_PATTERN, AUTHORITY_KINDS, SIGNER_ROLES, type AuthorityKind, type SignerRoleName } from '@so-goc/domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterSubordinateDto {
  @ApiProperty({ example: 'PGD-TN', description: 'Mã đơn vị (2–32 chữ in hoa, chữ số, gạch ngang)' })
  @Matches(AUTHORITY_CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: 'Phòng Giáo dục và Đào tạo huyện Thuỷ Nguyên' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: AUTHORITY_KINDS })
  @IsIn(AUTHORITY_KINDS)
  kind!: AuthorityKind;

  @ApiProperty({ example: '2020-01-15', description: 'Ngày bắt đầu hoạt động (YYYY-MM-DD)' })
  @Matches(ISO_DATE)
  registeredOn!: string;

  @ApiPropertyOptional({
    example: 'Ủy ban nhân dân thành phố Hải Phòng',
    description: 'Cơ quan chủ quản, in trên dòng đầu văn bản (Nghị định 30/2020)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  governingBody?: string;
}

export class SetGoverningBodyDto {
  @ApiProperty({
    example: 'Ủy ban nhân dân thành phố Hải Phòng',
    nullable: true,
    description: 'Cơ quan chủ quản in trên đầu văn bản; null để bỏ',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  governingBody!: string | null;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(ISO_DATE)
  effectiveOn!: string;
}

export class RenameAuthorityDto {
  @ApiProperty({ example: 'Sở Giáo dục và Đào tạo thành phố Hải Phòng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2025-07-01' })
  @Matches(ISO_DATE)
  effectiveOn!: string;
}

export class MergeAuthorityDto {
  @ApiProperty({ example: 'SGD-HP', description: 'Đơn vị tiếp nhận (cùng loại)' })
  @Matches(AUTHORITY_CODE_PATTERN)
  intoCode!: string;

  @ApiProperty({ example: '2025-07-01' })
  @Matches(ISO_DATE)
  effectiveOn!: string;

  @ApiProperty({ example: '202/2025/QH15' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionRef!: string;
}

export class AbolishAuthorityDto {
  @ApiProperty({ example: 'SGD-HP', description: 'Đơn vị kế thừa, quản lý sổ gốc từ ngày giải thể' })
  @Matches(AUTHORITY_CODE_PATTERN)
  successorCode!: string;

  @ApiProperty({ example: '2025-07-01' })
  @Matches(ISO_DATE)
  effectiveOn!: string;

  @ApiProperty({ example: '1234/QĐ-UBND' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionRef!: string;
}

export class RegisterSignerDto {
  @ApiProperty({ example: 'gd-nguyen-van-an' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/)
  signerId!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName!: string;

  @ApiProperty({ example: 'Giám đốc' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  title!: string;

  @ApiProperty({ enum: SIGNER_ROLES })
  @IsIn(SIGNER_ROLES)
  role!: SignerRoleName;

  @ApiProperty({ example: '2020-01-15' })
  @Matches(ISO_DATE)
  validFrom!: string;

  @ApiPropertyOptional({ example: '2025-06-30', nullable: true })
  @IsOptional()
  @Matches(ISO_DATE)
  validTo?: string | null;

  @ApiPropertyOptional({ example: '456/QĐ-UBND', description: 'Quyết định giao phụ trách (bắt buộc với cấp phó phụ trách, quy tắc 6)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  delegationRef?: string | null;

  @ApiPropertyOptional({
    example: 'ky-hp',
    description: 'Tài khoản cán bộ (vai trò ký) ghi nhận chữ ký của người này; không tài khoản nào khác ký thay được',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  officerId?: string | null;
}

export class EndSignerMandateDto {
  @ApiProperty({ example: '2025-06-30' })
  @Matches(ISO_DATE)
  validTo!: string;

  @ApiProperty({ example: 'Nghỉ hưu theo quyết định 789/QĐ-UBND' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  reason!: string;
}

/** Issue 18 item 2, domain §8: the Sở licenses a centre, university or school to issue kinds of certificate. */
export class GrantLicenceDto {
  @ApiProperty({ example: 'ttnn-hp-2026', description: 'Mã giấy phép (chữ thường, chữ số, gạch ngang)' })
  @IsString()
  licenceId!: string;

  @ApiProperty({ example: '512/QĐ-SGDĐT', description: 'Số quyết định cấp phép hoặc giao nhiệm vụ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionRef!: string;

  @ApiProperty({ example: '2026-01-05' })
  @Matches(ISO_DATE)
  decisionDate!: string;

  @ApiProperty({ example: ['CC-NN'], description: 'Các loại chứng chỉ (mã trong danh mục) được cấp' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  scope!: string[];

  @ApiProperty({ example: '2026-01-05' })
  @Matches(ISO_DATE)
  validFrom!: string;

  @ApiPropertyOptional({ example: '2028-12-31', nullable: true, description: 'Hết hiệu lực (bao gồm ngày này); bỏ trống = không thời hạn' })
  @IsOptional()
  @Matches(ISO_DATE)
  validTo?: string | null;
}
