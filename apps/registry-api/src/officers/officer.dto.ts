import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_TOKEN_LIFETIME_DAYS, OFFICER_ROLES, type OfficerRole } from '@so-goc/domain';

export class CreateOfficerDto {
  @ApiProperty({ example: 'cb-hp-vanbang-01' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/)
  officerId!: string;

  @ApiProperty({ example: 'lan.nguyen' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  username!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(OFFICER_ROLES, { each: true })
  roles!: OfficerRole[];

  @ApiProperty({ description: 'Cũng làm việc cho các đơn vị trực thuộc (chỉ dành cho Sở)' })
  @IsBoolean()
  includeSubordinates!: boolean;
}

export class ChangeOfficerRolesDto {
  @ApiProperty({ enum: OFFICER_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(OFFICER_ROLES, { each: true })
  roles!: OfficerRole[];

  @ApiProperty()
  @IsBoolean()
  includeSubordinates!: boolean;
}

export class ReasonDto {
  @ApiProperty({ example: 'Chuyển công tác' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  reason!: string;
}

export class IssueTokenDto {
  @ApiProperty({ required: false, minimum: 1, maximum: MAX_TOKEN_LIFETIME_DAYS, default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOKEN_LIFETIME_DAYS)
  lifetimeDays?: number;
}
