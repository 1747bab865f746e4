import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { resourceService } from '@serviceledger/resource/service';

// The release's migration step for resources (the Kubernetes Job): event store and read-model schemas.
runMigrations([resourceService]);
