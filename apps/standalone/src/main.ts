import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

// The embedded default: every service in one process (`npm start`).
runService({ title: 'ServiceLedger', services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
