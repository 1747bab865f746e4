import 'reflect-metadata';
import { runService } from '../run-service';
import { SampleNotesModule, personalNotesService, sampleService } from './sample-notes';

// The sample service as an app's main.ts runs it, for the tests of how a process starts and stops.
// SAMPLE_PERSONAL_DATA=yes: its notes' titles are personal, so it needs the personal-data master key.
const services = [process.env.SAMPLE_PERSONAL_DATA === 'yes' ? personalNotesService : sampleService];
runService({ title: 'ServiceLedger sample', services, modules: [SampleNotesModule] });
