import 'reflect-metadata';
import { runMigrations } from '@serviceledger/platform/nest';
import { STANDALONE_SERVICES } from './services';

// Migrations for every service at once, for a single-process installation on PostgreSQL.
runMigrations(STANDALONE_SERVICES);
