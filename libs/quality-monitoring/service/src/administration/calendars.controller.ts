import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { CommandAccepted, CommandContext, Commands, IdentifierParam, InvalidInputException } from '@serviceledger/platform/nest';
import {
  CALENDAR_REGISTRY_ID,
  CalendarRegistry,
  CalendarRegistryCommand,
  ICS_LIMITS,
  IcsOutOfBoundsError,
  RegisteredCalendar,
  WeeklyHours,
  calendarRegistries,
} from '@serviceledger/quality-monitoring/domain';
import { AddHolidaysDto, AddMakeUpDaysDto, DefineCalendarDto, WorkingHoursDto } from './administration.dto';
import { ICS_MEDIA_TYPE } from './ics-body-parser';
import { DateParam } from '../path-params';

type CalendarChange = CommandAccepted & { version?: number };

/** Business calendars (sla-and-metrics.md, "Business calendars"): versioned configuration events. */
@Controller('quality-monitoring/calendars')
export class CalendarsController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'List business calendars' })
  @Get()
  @RequirePermission('quality:read')
  async list(): Promise<RegisteredCalendar[]> {
    return [...(await this.registry()).calendars.values()];
  }

  @ApiOperation({ summary: 'Read a business calendar' })
  @Get(':calendarId')
  @RequirePermission('quality:read')
  async detail(@IdentifierParam('calendarId') calendarId: string): Promise<RegisteredCalendar> {
    const calendar = (await this.registry()).calendars.get(calendarId);
    if (!calendar) throw new NotFoundError('Calendar', calendarId);
    return calendar;
  }

  @ApiOperation({ summary: 'Define a business calendar' })
  @Put(':calendarId')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  define(@IdentifierParam('calendarId') calendarId: string, @Body() dto: DefineCalendarDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide(
      {
        type: 'DefineCalendar',
        data: {
          calendarId,
          name: dto.name,
          ...(dto.timeZone ? { timeZone: dto.timeZone } : {}),
          weeklyHours: weeklyHours(dto.weeklyHours),
          ...(dto.holidays ? { holidays: dto.holidays.map((h) => ({ ...h })) } : {}),
        },
        metadata,
      },
      calendarId,
    );
  }

  @ApiOperation({ summary: "Set a calendar's working hours" })
  @Put(':calendarId/working-hours')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  workingHours(@IdentifierParam('calendarId') calendarId: string, @Body() dto: WorkingHoursDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide({ type: 'ChangeWorkingHours', data: { calendarId, weeklyHours: weeklyHours(dto.weeklyHours) }, metadata }, calendarId);
  }

  @ApiOperation({ summary: 'Add holidays to a calendar' })
  @Post(':calendarId/holidays')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  addHolidays(@IdentifierParam('calendarId') calendarId: string, @Body() dto: AddHolidaysDto, @CommandContext() metadata: CommandMetadata) {
    return this.decide({ type: 'AddHolidays', data: { calendarId, holidays: dto.holidays.map((h) => ({ ...h })) }, metadata }, calendarId);
  }

  @ApiOperation({ summary: 'Remove a holiday from a calendar' })
  @Delete(':calendarId/holidays/:date')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  removeHoliday(@IdentifierParam('calendarId') calendarId: string, @DateParam() date: string, @CommandContext() metadata: CommandMetadata) {
    return this.decide({ type: 'RemoveHolidays', data: { calendarId, dates: [date] }, metadata }, calendarId);
  }

  @ApiOperation({ summary: 'Add make-up working days to a calendar' })
  @Post(':calendarId/make-up-days')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  addMakeUpDays(@IdentifierParam('calendarId') calendarId: string, @Body() dto: AddMakeUpDaysDto, @CommandContext() metadata: CommandMetadata) {
    const makeUpDays = dto.makeUpDays.map(({ date, name, intervals }) => ({
      date,
      ...(name ? { name } : {}),
      ...(intervals ? { intervals: intervals.map(({ start, end }) => ({ start, end })) } : {}),
    }));
    return this.decide({ type: 'AddMakeUpDays', data: { calendarId, makeUpDays }, metadata }, calendarId);
  }

  @ApiOperation({ summary: 'Remove a make-up working day from a calendar' })
  @Delete(':calendarId/make-up-days/:date')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  removeMakeUpDay(@IdentifierParam('calendarId') calendarId: string, @DateParam() date: string, @CommandContext() metadata: CommandMetadata) {
    return this.decide({ type: 'RemoveMakeUpDays', data: { calendarId, dates: [date] }, metadata }, calendarId);
  }

  @ApiOperation({ summary: 'Import holidays from an iCalendar file' })
  @Post(':calendarId/holiday-imports')
  @HttpCode(200)
  @RequirePermission('quality-standards:manage')
  @ApiConsumes(ICS_MEDIA_TYPE, 'application/json')
  @ApiBody({
    description:
      'An iCalendar file: as text/calendar (source and make-up-day markers in the query), or as JSON { ics, source?, makeUpDayMarkers? }. ' +
      'All-day events become holidays; those whose summary holds a marker (e.g. 补班) become make-up working days.',
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['ics'],
          properties: {
            ics: { type: 'string', description: 'The iCalendar file' },
            source: { type: 'string', description: 'Where the file came from' },
            makeUpDayMarkers: { type: 'array', items: { type: 'string' }, description: 'Summaries holding one of these are make-up working days' },
          },
          example: {
            ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:2027-spring-festival\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270213\r\nSUMMARY:春节\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
            source: '国务院办公厅 2027 年节假日安排',
            makeUpDayMarkers: ['补班'],
          },
        },
        { type: 'string', description: 'The iCalendar file itself (text/calendar)' },
      ],
    },
  })
  @ApiQuery({ name: 'source', required: false })
  @ApiQuery({ name: 'makeUpDayMarker', required: false, isArray: true })
  async importIcs(
    @IdentifierParam('calendarId') calendarId: string,
    @Body() body: unknown,
    @Query('source') source: string | undefined,
    @Query('makeUpDayMarker') marker: string | string[] | undefined,
    @CommandContext() metadata: CommandMetadata,
  ) {
    const file = icsImport(body, source, marker);
    try {
      return await this.decide({ type: 'ImportHolidaysFromIcs', data: { calendarId, ...file }, metadata }, calendarId);
    } catch (error) {
      // A file beyond the import's bounds is bad input, not a conflict with the calendar's state.
      if (error instanceof IcsOutOfBoundsError) throw new InvalidInputException([{ field: 'ics', message: error.message }]);
      throw error;
    }
  }

  private registry(): Promise<CalendarRegistry> {
    return this.commands.state(calendarRegistries, CALENDAR_REGISTRY_ID);
  }

  private async decide(command: CalendarRegistryCommand, calendarId: string): Promise<CalendarChange> {
    const { checkpoint, state } = await this.commands.decide(calendarRegistries, command);
    return { id: calendarId, checkpoint, version: state.calendars.get(calendarId)?.version };
  }
}

function weeklyHours(dto: object): Partial<WeeklyHours> {
  return Object.fromEntries(
    Object.entries(dto)
      .filter(([, intervals]) => intervals !== undefined)
      .map(([day, intervals]) => [day, (intervals as { start: string; end: string }[]).map(({ start, end }) => ({ start, end }))]),
  );
}

const MAX_SOURCE_LENGTH = 200;

/** The ICS text and its options from either body shape; bad input answers 400 before reaching the store. */
function icsImport(
  body: unknown,
  source: string | undefined,
  marker: string | string[] | undefined,
): { ics: string; source?: string; makeUpDayMarkers?: string[] } {
  const markers = marker === undefined ? undefined : Array.isArray(marker) ? marker : [marker];
  if (typeof body === 'string') {
    return withinBounds({ ics: checkedIcs(body), ...(source ? { source } : {}), ...(markers ? { makeUpDayMarkers: markers } : {}) });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException(`Send the iCalendar file as ${ICS_MEDIA_TYPE}, or as JSON { "ics": "BEGIN:VCALENDAR…" }`);
  }
  const { ics, source: bodySource, makeUpDayMarkers, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new BadRequestException(`property ${unknown[0]} should not exist`);
  if (typeof ics !== 'string') throw new BadRequestException('ics must be the text of an iCalendar file');
  if (bodySource !== undefined && typeof bodySource !== 'string') throw new BadRequestException('source must be a string');
  if (makeUpDayMarkers !== undefined && !(Array.isArray(makeUpDayMarkers) && makeUpDayMarkers.every((m) => typeof m === 'string' && m))) {
    throw new BadRequestException('makeUpDayMarkers must be a list of non-empty strings');
  }
  return withinBounds({
    ics: checkedIcs(ics),
    ...((bodySource ?? source) ? { source: (bodySource ?? source) as string } : {}),
    ...((makeUpDayMarkers ?? markers) ? { makeUpDayMarkers: (makeUpDayMarkers ?? markers) as string[] } : {}),
  });
}

function checkedIcs(ics: string): string {
  if (!ics.trim()) throw new BadRequestException('The iCalendar file is empty');
  if (ics.length > ICS_LIMITS.characters) {
    throw new InvalidInputException([{ field: 'ics', message: `ics must be at most ${ICS_LIMITS.characters} characters` }]);
  }
  return ics;
}

/** The options' bounds, named by field (the decider refuses them too). */
function withinBounds<T extends { source?: string; makeUpDayMarkers?: string[] }>(file: T): T {
  const markers = file.makeUpDayMarkers ?? [];
  const errors = [
    ...((file.source?.length ?? 0) > MAX_SOURCE_LENGTH ? [{ field: 'source', message: `source must be at most ${MAX_SOURCE_LENGTH} characters` }] : []),
    ...(markers.length > ICS_LIMITS.markers ? [{ field: 'makeUpDayMarkers', message: `makeUpDayMarkers must list at most ${ICS_LIMITS.markers}` }] : []),
    ...(markers.some((m) => m.length > ICS_LIMITS.markerLength)
      ? [{ field: 'makeUpDayMarkers', message: `each of makeUpDayMarkers must be at most ${ICS_LIMITS.markerLength} characters` }]
      : []),
  ];
  if (errors.length) throw new InvalidInputException(errors);
  return file;
}
