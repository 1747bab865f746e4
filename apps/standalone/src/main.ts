import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

// Started by scripts/start.mjs over an IPC channel: when that script is gone (killed outright, or dead with
// its parent), the channel closes and the app shuts down gracefully instead of running on orphaned.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

// The embedded default: every service in one process (`npm start`).
runService({ title: 'ServiceLedger', services: STANDALONE_SERVICES, modules: STANDALONE_MODULES });
