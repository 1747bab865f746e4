import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { QualityMonitoringModule, qualityMonitoringService } from '@serviceledger/quality-monitoring/service';

// One deployment of the quality-monitoring service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger quality monitoring', services: [qualityMonitoringService], modules: [QualityMonitoringModule] });
