import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { EnvironmentVariables } from './environment-variables.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: EnvironmentVariables): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: new AppConfig(env) }],
      exports: [AppConfig],
    };
  }
}
