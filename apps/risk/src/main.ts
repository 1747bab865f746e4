import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { RiskModule, riskService } from '@serviceledger/risk/service';

// One deployment of the risk service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger risk', services: [riskService], modules: [RiskModule] });
