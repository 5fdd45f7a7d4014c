import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export const PROCESS_ROLES = ['all', 'api', 'worker', 'scheduler'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

/**
 * Every environment variable TrustOps reads, with its default and what it expects.
 * The README's configuration table mirrors this class; keep them together.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS, { message: `NODE_ENV must be one of ${NODE_ENVIRONMENTS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVIRONMENTS)[number] = 'development';

  @IsIn(PROCESS_ROLES, { message: `ROLE must be one of ${PROCESS_ROLES.join(', ')}` })
  ROLE: (typeof PROCESS_ROLES)[number] = 'all';

  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be the http(s) address people use to reach TrustOps, e.g. https://trustops.example.nhs.uk' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/trustops',
  })
  DATABASE_URL?: string;

  @IsString({ message: 'DATA_DIR must be a folder path' })
  DATA_DIR = '.data';

  @Type(() => Number)
  @IsInt({ message: 'EMBEDDED_POSTGRES_PORT must be a whole number between 1024 and 65535' })
  @Min(1024, { message: 'EMBEDDED_POSTGRES_PORT must be a whole number between 1024 and 65535' })
  @Max(65535, { message: 'EMBEDDED_POSTGRES_PORT must be a whole number between 1024 and 65535' })
  EMBEDDED_POSTGRES_PORT = 54329;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a Redis URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL?: string;

  @IsString()
  QUEUE_PREFIX = 'trustops';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(splitList)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, {
    each: true,
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins, e.g. https://a.example,https://b.example',
  })
  CORS_ORIGINS: string[] = [];

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must be a size such as 512kb or 1mb' })
  BODY_LIMIT = '1mb';

  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(0, { message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds' })
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'ANTHROPIC_BASE_URL must be an http(s) URL' })
  ANTHROPIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  CLIENT_DIST_DIR?: string;
}

export type EnvironmentVariableName = keyof EnvironmentVariables;
