import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { intakeService } from '@serviceledger/intake/service';

// Migrations for every service at once, for a single-process installation on PostgreSQL.
runMigrations([intakeService]);
