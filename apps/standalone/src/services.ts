import { IntakeModule, intakeService } from '@serviceledger/intake/service';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';

/** Every service this installation runs in one process: the app and its migration step share the list. */
export const STANDALONE_SERVICES = [intakeService, serviceDeliveryService];
export const STANDALONE_MODULES = [IntakeModule, ServiceDeliveryModule];
