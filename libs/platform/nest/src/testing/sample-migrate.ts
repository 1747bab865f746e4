import 'reflect-metadata';
import { runMigrations } from '../schema-migrations';
import { sampleService } from './sample-notes';

// The sample service's migration step, as an app's migrate.ts runs it.
runMigrations([sampleService]);
