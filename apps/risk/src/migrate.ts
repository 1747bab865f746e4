import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { riskService } from '@serviceledger/risk/service';

// The release's migration step for risk (the Kubernetes Job): event store and read-model schemas.
runMigrations([riskService]);
