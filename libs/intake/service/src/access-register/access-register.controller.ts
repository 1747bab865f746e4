import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Actor } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CsvExport, ExpensiveRead, Page, UuidParam, csvFile } from '@serviceledger/platform/nest';
import { PersonalDataRegisterQuery, SubjectAccessQuery } from './access-register.dto';
import { PersonalDataAccessRow } from './personal-data-register.projection';
import { PersonalDataRegister } from './personal-data-register';
import { SubjectAccess, SubjectAccessExport } from './subject-access';

/** the data-protection duty: the register of every unmasked read of personal data, and subject-access exports. */
@Controller('intake')
export class AccessRegisterController {
  constructor(
    private readonly register: PersonalDataRegister,
    private readonly subjectAccess: SubjectAccess,
  ) {}

  @ApiOperation({ summary: "List accesses to customers' personal data" })
  @Get('personal-data-accesses')
  @RequirePermission('personal-data-register:read')
  list(@Query() query: PersonalDataRegisterQuery): Promise<Page<PersonalDataAccessRow>> {
    return this.register.list(query);
  }

  @ApiOperation({ summary: 'Export the register of accesses to personal data as CSV' })
  @Get('personal-data-accesses.csv')
  @RequirePermission('personal-data-register:read')
  @CsvExport()
  async csv(@Query() query: PersonalDataRegisterQuery): Promise<StreamableFile> {
    return csvFile('personal-data-accesses.csv', await this.register.all(query, query), REGISTER_COLUMNS);
  }

  @ApiOperation({ summary: 'Export everything held on a customer (subject access)' })
  @Get('customers/:customerId/subject-access-export')
  @RequirePermission('subject-access:export')
  @ExpensiveRead()
  export(@CurrentActor() actor: Actor, @UuidParam('customerId') customerId: string, @Query() query: SubjectAccessQuery): Promise<SubjectAccessExport> {
    return this.subjectAccess.export(actor, customerId, query.reason, query);
  }
}

/** The CSV's columns, so an empty register still has its header. */
const REGISTER_COLUMNS: readonly (keyof PersonalDataAccessRow)[] = [
  'accessedAt',
  'accessedBy',
  'accessedByName',
  'accessedByRoles',
  'customerId',
  'recordType',
  'recordId',
  'fields',
  'reason',
  'position',
];
