import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { ServiceDeliveryModule, serviceDeliveryService } from '@serviceledger/service-delivery/service';

// One deployment of the service-delivery service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger service-delivery', services: [serviceDeliveryService], modules: [ServiceDeliveryModule] });
