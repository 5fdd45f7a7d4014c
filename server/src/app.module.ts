import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './platform/config/config.module.js';
import type { EnvironmentVariables } from './platform/config/environment-variables.js';

@Module({})
export class AppModule {
  static forRoot(env: EnvironmentVariables): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(env)],
    };
  }
}
