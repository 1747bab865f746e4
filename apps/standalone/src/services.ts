import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { QualityMonitoringModule, qualityMonitoringService } from '@serviceledger/quality-monitoring/service';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';

/** Every service this installation runs in one process: the app and its migration step share the list. */
export const STANDALONE_SERVICES = [intakeService, serviceDeliveryService, qualityMonitoringService];
export const STANDALONE_MODULES = [IntakeModule, ServiceDeliveryModule, QualityMonitoringModule];
