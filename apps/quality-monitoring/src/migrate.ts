import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { qualityMonitoringService } from '@serviceledger/quality-monitoring/service';

// The release's migration step for quality monitoring (the Kubernetes Job): event store and read-model schemas.
runMigrations([qualityMonitoringService]);
