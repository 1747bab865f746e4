import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';

// The embedded default: every service in one process (`npm start`).
runService({ title: 'ServiceLedger', services: [intakeService], modules: [IntakeModule] });
