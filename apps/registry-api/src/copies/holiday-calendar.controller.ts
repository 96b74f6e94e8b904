import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import type { Actor } from '@so-goc/domain';
import {
  commandReply,
  CurrentActor,
  HolidayCalendarCache,
  officerCommandFrom,
  OfficerRoute,
  PublishHolidayYear,
  READ_ROLES,
} from '@so-goc/platform';

export class CalendarDayDto {
  @ApiProperty({ example: '2028-01-26' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) date!: string;
  @ApiProperty({ example: 'Tết Nguyên đán' }) @IsString() @MaxLength(120) name!: string;
}

export class PublishHolidayYearDto {
  @ApiProperty({ type: [CalendarDayDto] })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  holidays!: CalendarDayDto[];
  @ApiProperty({ type: [CalendarDayDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  makeUpWorkingDays!: CalendarDayDto[];
  @ApiProperty({ example: 'Thông báo 1234/TB-BNV ngày 15/11/2027' }) @IsString() @MaxLength(300) source!: string;
  @ApiPropertyOptional({ description: 'Replaces the year already published' }) @IsOptional() @IsBoolean() amends?: boolean;
}

/** The working-day calendar the due times count on (rule 49): Vietnam's public-sector days off, year by year. */
@ApiTags('copies and verification')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'UUID' })
@Controller('api/v1/authorities/:code/holiday-calendar')
export class HolidayCalendarController {
  constructor(
    private readonly commands: CommandBus,
    private readonly calendar: HolidayCalendarCache,
  ) {}

  @Post('years/:year')
  @OfficerRoute('administrator')
  @ApiOperation({ summary: 'Công bố (hoặc đính chính) lịch nghỉ lễ, nghỉ bù và ngày làm bù của một năm' })
  async publish(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: PublishHolidayYearDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    return commandReply(
      response,
      await this.commands.execute(officerCommandFrom(PublishHolidayYear, { type: 'PublishHolidayYear', year, ...body }, request, actor)),
    );
  }

  @Get('years/:year')
  @OfficerRoute(...READ_ROLES)
  @ApiOperation({ summary: 'Ngày nghỉ và ngày làm bù của một năm' })
  async year(@Param('year', ParseIntPipe) year: number): Promise<{
    year: number;
    published: boolean;
    holidays: { date: string; name: string }[];
    makeUpWorkingDays: { date: string; name: string }[];
  }> {
    const calendar = await this.calendar.current();
    const days = (map: ReadonlyMap<string, string>) =>
      [...map]
        .filter(([date]) => date.startsWith(`${year}-`))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, name]) => ({ date, name }));
    return {
      year,
      published: calendar.coveredYears.has(year),
      holidays: days(calendar.holidays),
      makeUpWorkingDays: days(calendar.makeUpWorkingDays),
    };
  }
}
