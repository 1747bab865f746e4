import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig, PlatformModule } from '@serviceledger/platform/nest';
import { IntakeModule, intakeService } from '@serviceledger/intake/service';

/** Every service's module in one process, on the embedded adapters chosen by the configuration. */
@Module({})
export class StandaloneModule {
  static forRoot(config: PlatformConfig, env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [PlatformModule.forRoot({ config, services: [intakeService], env }), IntakeModule],
    };
  }
}
