import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { intakeService } from '@serviceledger/intake/service';

// The release's migration step for intake (the Kubernetes Job): event store and read-model schemas.
runMigrations([intakeService]);
