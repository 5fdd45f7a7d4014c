import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { ConfigurationError, loadConfig } from './platform/config/load-config.js';

async function bootstrap(): Promise<void> {
  const env = loadConfig(process.env);
  const app = await NestFactory.create(AppModule.forRoot(env));
  await app.listen(env.PORT, env.HOST);
  console.log(`TrustOps is running at http://${env.HOST}:${env.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
