import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { hrPerformanceService } from '@serviceledger/hr-performance/service';

// The release's migration step for HR performance (the Kubernetes Job): event store and read-model schemas.
runMigrations([hrPerformanceService]);
