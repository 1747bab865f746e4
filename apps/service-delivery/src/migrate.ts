import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { serviceDeliveryService } from '@serviceledger/service-delivery/service';

// The release's migration step for service-delivery (the Kubernetes Job): event store and read-model schemas.
runMigrations([serviceDeliveryService]);
