import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig } from '@serviceledger/platform/nest';
import { PersonalDataAccesses } from './access/personal-data-accesses';
import { AccessRegisterController } from './access-register/access-register.controller';
import { PersonalDataRegister } from './access-register/personal-data-register';
import { SubjectAccess } from './access-register/subject-access';
import { AdministrationController } from './administration/administration.controller';
import { IntakeSeeder } from './administration/intake-seeder';
import { CustomerErasure } from './customers/customer-erasure';
import { CustomerQueries } from './customers/customer-queries';
import { CustomersController } from './customers/customers.controller';
import { DemandAssignment } from './demands/demand-assignment';
import { DemandQueries } from './demands/demand-queries';
import { DemandQueriesController } from './demands/demand-queries.controller';
import { DemandRegistration } from './demands/demand-registration';
import { DemandTriage } from './demands/demand-triage';
import { DemandsController } from './demands/demands.controller';
import { EmailIntake } from './email/email-intake';
import { InboundEmailController } from './email/inbound-email.controller';
import { IntakeMailConfig, loadIntakeMailConfig } from './email/intake-mail-config';
import { Rfc822BodyParser } from './email/rfc822-body-parser';
import { SmtpChannel } from './email/smtp-channel';

/** The intake service (P-1.1 … P-2.2, C-2.3): customers, demands, triage, assignment, coordination, complaints. */
@Module({
  controllers: [DemandsController, DemandQueriesController, CustomersController, AccessRegisterController, AdministrationController, InboundEmailController],
  providers: [
    DemandRegistration,
    DemandTriage,
    DemandAssignment,
    DemandQueries,
    CustomerQueries,
    CustomerErasure,
    PersonalDataAccesses,
    PersonalDataRegister,
    SubjectAccess,
    IntakeSeeder,
    // Read from the environment as the module starts: a bad value stops the start, naming the variable.
    {
      provide: IntakeMailConfig,
      inject: [PLATFORM_CONFIG],
      useFactory: (platform: PlatformConfig) => loadIntakeMailConfig(process.env, platform.INTAKE_SMTP_PORT !== undefined),
    },
    EmailIntake,
    Rfc822BodyParser,
    SmtpChannel,
  ],
})
export class IntakeModule {}
