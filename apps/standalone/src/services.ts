import { HrPerformanceModule, hrPerformanceService } from '@serviceledger/hr-performance/service';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { QualityMonitoringModule, qualityMonitoringService } from '@serviceledger/quality-monitoring/service';
import { ResourceModule, resourceService } from '@serviceledger/resource/service';
import { RiskModule, riskService } from '@serviceledger/risk/service';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';
import { ConsoleStaticModule } from './console-static';

/** Every service this installation runs in one process: the app and its migration step share the list. */
export const STANDALONE_SERVICES = [intakeService, serviceDeliveryService, qualityMonitoringService, hrPerformanceService, resourceService, riskService];
// The web console is served beside the API by this installation only; each service deployed alone serves its API.
export const STANDALONE_MODULES = [IntakeModule, ServiceDeliveryModule, QualityMonitoringModule, HrPerformanceModule, ResourceModule, RiskModule, ConsoleStaticModule];
