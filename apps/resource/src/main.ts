import 'reflect-metadata';
import { runService } from '@serviceledger/platform/nest';
import { ResourceModule, resourceService } from '@serviceledger/resource/service';

// One deployment of the resource service; ROLES chooses what this process runs.
runService({ title: 'ServiceLedger resources', services: [resourceService], modules: [ResourceModule] });
