import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TOKEN_VERIFIER, TokenVerifier } from './token-verifier';

export interface AuthModuleOptions extends Pick<FactoryProvider<TokenVerifier>, 'useFactory' | 'inject'> {
  imports?: ModuleMetadata['imports'];
}

/**
 * Installs the AuthGuard for every route of the application and provides TOKEN_VERIFIER, built by
 * `useFactory` (e.g. `() => createTokenVerifier(authConfigFromEnv(process.env))`).
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
