import { Body, Controller, Get, HttpCode, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, CommandMetadata } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, Commands, ConsistentQuery, CsvExport, IdentifierParam, KeyParam, PatternParam, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { TrainingPlan, TrainingSession, trainingPlans } from '@serviceledger/hr-performance/domain';
import { AttendanceDto, MatrixQuery, ScheduleSessionDto, TrainingPlanDto, TrainingResultDto } from './training.dto';
import { MATRIX_CSV_COLUMNS, TrainingQueries } from './training-queries';
import { TrainingService } from './training.service';

const YearParam = () => PatternParam('year', /^2\d{3}$/, 'a year from 2000 to 2999');

/**
 * Training (H-1.2, H-1.3): yearly plans per department, sessions with attendance and assessment, kept by HR
 * (`hr:manage`); the training matrix — who has done what their post requires, what is overdue — scoped like
 * the staff records, and per department as counts for analysts.
 */
@Controller('hr-performance')
export class TrainingController {
  constructor(
    private readonly commands: Commands,
    private readonly training: TrainingService,
    private readonly queries: TrainingQueries,
  ) {}

  @ApiOperation({ summary: "Set a department's training plan for a year" })
  @Put('training-plans/:departmentId/:year')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  async plan(@IdentifierParam('departmentId') departmentId: string, @YearParam() year: string, @Body() dto: TrainingPlanDto, @CommandContext() metadata: CommandMetadata) {
    const { id, checkpoint, state } = await this.commands.decide(trainingPlans, { type: 'SetTrainingPlan', data: { departmentId, year: Number(year), items: dto.items }, metadata });
    return { id, checkpoint, version: (state as TrainingPlan).version };
  }

  @ApiOperation({ summary: "Read a department's training plan for a year" })
  @Get('training-plans/:departmentId/:year')
  @RequirePermission('hr:read')
  readPlan(@CurrentActor() actor: Actor, @IdentifierParam('departmentId') departmentId: string, @YearParam() year: string, @Query() query: ConsistentQuery): Promise<TrainingPlan> {
    return this.queries.plan(actor, departmentId, Number(year), query);
  }

  @ApiOperation({ summary: 'Schedule a training session' })
  @Post('training-sessions')
  @RequirePermission('hr:manage')
  schedule(@Body() dto: ScheduleSessionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.training.schedule(dto, metadata);
  }

  @ApiOperation({ summary: 'Record who attended a training session' })
  @Post('training-sessions/:sessionId/attendance')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  attendance(@UuidParam('sessionId') sessionId: string, @Body() dto: AttendanceDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.training.attendance(sessionId, dto, metadata);
  }

  @ApiOperation({ summary: 'Record training results' })
  @Post('training-sessions/:sessionId/results')
  @HttpCode(200)
  @RequirePermission('hr:manage')
  result(@UuidParam('sessionId') sessionId: string, @Body() dto: TrainingResultDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.training.result(sessionId, dto, metadata);
  }

  @ApiOperation({ summary: 'Read a training session' })
  @Get('training-sessions/:sessionId')
  @RequirePermission('hr:read')
  session(@CurrentActor() actor: Actor, @UuidParam('sessionId') sessionId: string, @Query() query: ConsistentQuery): Promise<TrainingSession> {
    return this.queries.session(actor, sessionId, query);
  }

  @ApiOperation({ summary: 'Read the training matrix' })
  @Get('training-matrix')
  @RequirePermission('hr:read')
  matrix(@CurrentActor() actor: Actor, @Query() query: MatrixQuery) {
    return this.queries.matrix(actor, query);
  }

  @ApiOperation({ summary: 'Export the training matrix as CSV' })
  @Get('training-matrix.csv')
  @RequirePermission('hr:read')
  @CsvExport()
  async export(@CurrentActor() actor: Actor, @Query() query: MatrixQuery): Promise<StreamableFile> {
    await this.queries.caughtUp(query);
    return csvFile('training-matrix.csv', this.queries.csvRows(actor, query), MATRIX_CSV_COLUMNS);
  }

  /** Counts per department, naming no one: what analysts read. */
  @ApiOperation({ summary: 'Count training per department, naming no one' })
  @ApiOkResponse({ description: 'The year, today, and per department the counts of its people’s training, naming no one' })
  @Get('training-matrix/summary')
  @RequirePermission('hr:read')
  summary(@CurrentActor() actor: Actor, @Query() query: MatrixQuery) {
    return this.queries.summary(actor, query);
  }

  @ApiOperation({ summary: "Read an employee's training" })
  @ApiOkResponse({ description: 'The employee’s row of the training matrix for the year, with the year and today' })
  @Get('training-matrix/employees/:employeeId')
  @RequirePermission('hr:read')
  forEmployee(@CurrentActor() actor: Actor, @KeyParam('employeeId') employeeId: string, @Query() query: MatrixQuery) {
    return this.queries.forEmployee(actor, employeeId, query);
  }

  @ApiOperation({ summary: "Read the caller's own training" })
  @ApiOkResponse({ description: 'The caller’s row of the training matrix for the year, with the year and today' })
  @Get('me/training')
  @RequirePermission('hr-self:read')
  own(@CurrentActor() actor: Actor, @Query() query: MatrixQuery) {
    return this.queries.own(actor, query);
  }
}
