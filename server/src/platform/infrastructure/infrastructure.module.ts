import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Infrastructure } from './infrastructure.js';

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infrastructure: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [{ provide: Infrastructure, useValue: infrastructure }],
      exports: [Infrastructure],
    };
  }
}
