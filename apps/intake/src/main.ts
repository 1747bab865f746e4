import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';

// One deployment of the intake service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger intake', services: [intakeService], modules: [IntakeModule] });
