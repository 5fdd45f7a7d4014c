import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { Infrastructure } from '../infrastructure/infrastructure.js';
import { createDataSourceOptions } from './data-source-options.js';
import { initializeDataSource } from './initialize-data-source.js';

/** TypeORM on the PostgreSQL chosen at start-up; pending migrations run before anything else. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Infrastructure],
      useFactory: (infrastructure: Infrastructure) => ({
        ...createDataSourceOptions(infrastructure.database.url),
        // A configured database may still be starting (compose, Kubernetes): keep trying for ~30 s.
        retryAttempts: 10,
        retryDelay: 3000,
      }),
      dataSourceFactory: (options?: DataSourceOptions) => {
        if (!options) throw new Error('TypeORM started without options');
        return initializeDataSource(options);
      },
    }),
  ],
})
export class DatabaseModule {}
