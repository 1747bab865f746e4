import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { HrPerformanceModule, hrPerformanceService } from '@serviceledger/hr-performance/service';

// One deployment of the hr-performance service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger HR performance', services: [hrPerformanceService], modules: [HrPerformanceModule] });
