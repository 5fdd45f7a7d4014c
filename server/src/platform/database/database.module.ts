import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';
import { createDataSourceOptions } from './data-source-options.js';
import { initializeDataSource } from './initialize-data-source.js';
import { databasePoolSize } from './pool-size.js';

/** TypeORM on the PostgreSQL chosen at start-up; pending migrations run before anything else. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Infrastructure, AppConfig],
      useFactory: (infrastructure: Infrastructure, config: AppConfig) => ({
        ...createDataSourceOptions(infrastructure.database.url, { poolSize: databasePoolSize(config.env) }),
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
