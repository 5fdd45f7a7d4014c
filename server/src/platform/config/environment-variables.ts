import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export const PROCESS_ROLES = ['all', 'api', 'worker', 'scheduler'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PORT_MESSAGE = 'PORT must be a whole number between 0 and 65535 (0 picks any free port)';

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
  @IsInt({ message: PORT_MESSAGE })
  @Min(0, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message:
        'PUBLIC_URL must be the http(s) address people use to reach TrustOps, e.g. https://trustops.example.nhs.uk',
    },
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
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      each: true,
      message:
        'CORS_ORIGINS must be a comma-separated list of http(s) origins, e.g. https://a.example,https://b.example',
    },
  )
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

  // Agent runners (server/src/runners): the model and the budgets of one agent.prompt step.
  @IsString({ message: 'ANTHROPIC_MODEL must be a Claude model id, e.g. claude-sonnet-5-5' })
  @MinLength(1, { message: 'ANTHROPIC_MODEL must be a Claude model id, e.g. claude-sonnet-5-5' })
  ANTHROPIC_MODEL = 'claude-sonnet-5-5';

  @Type(() => Number)
  @IsInt({ message: 'ANTHROPIC_MAX_RETRIES must be a whole number between 0 and 10' })
  @Min(0, { message: 'ANTHROPIC_MAX_RETRIES must be a whole number between 0 and 10' })
  @Max(10, { message: 'ANTHROPIC_MAX_RETRIES must be a whole number between 0 and 10' })
  ANTHROPIC_MAX_RETRIES = 3;

  @Type(() => Number)
  @IsInt({ message: 'AGENT_MAX_TURNS must be a whole number of model calls between 1 and 200' })
  @Min(1, { message: 'AGENT_MAX_TURNS must be a whole number of model calls between 1 and 200' })
  @Max(200, { message: 'AGENT_MAX_TURNS must be a whole number of model calls between 1 and 200' })
  AGENT_MAX_TURNS = 25;

  @Type(() => Number)
  @IsInt({ message: 'AGENT_MAX_TOKENS must be a whole number of tokens, at least 1000' })
  @Min(1000, { message: 'AGENT_MAX_TOKENS must be a whole number of tokens, at least 1000' })
  AGENT_MAX_TOKENS = 400000;

  @Type(() => Number)
  @IsInt({ message: 'AGENT_MAX_OUTPUT_TOKENS must be a whole number of tokens between 256 and 128000' })
  @Min(256, { message: 'AGENT_MAX_OUTPUT_TOKENS must be a whole number of tokens between 256 and 128000' })
  @Max(128000, { message: 'AGENT_MAX_OUTPUT_TOKENS must be a whole number of tokens between 256 and 128000' })
  AGENT_MAX_OUTPUT_TOKENS = 8192;

  @Type(() => Number)
  @IsInt({ message: 'AGENT_BASH_TIMEOUT_MS must be a whole number of milliseconds between 1000 and 600000' })
  @Min(1000, { message: 'AGENT_BASH_TIMEOUT_MS must be a whole number of milliseconds between 1000 and 600000' })
  @Max(600000, { message: 'AGENT_BASH_TIMEOUT_MS must be a whole number of milliseconds between 1000 and 600000' })
  AGENT_BASH_TIMEOUT_MS = 30000;

  @IsOptional()
  @IsString()
  CLIENT_DIST_DIR?: string;

  // Identity (server/src/auth): OpenID Connect login and sessions. Without OIDC_ISSUER the
  // development identity provider is mounted at /oidc, which production refuses.
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.OIDC_ISSUER !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message:
        'OIDC_ISSUER must be the address of your identity provider (NHS CIS2, Entra ID, Keycloak), e.g. https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc; it is required when NODE_ENV=production, where the development identity provider is refused',
    },
  )
  OIDC_ISSUER?: string;

  @IsString({ message: 'OIDC_CLIENT_ID must be the client id registered with the identity provider' })
  OIDC_CLIENT_ID = 'trustops';

  @ValidateIf(
    (env: EnvironmentVariables) => env.OIDC_ISSUER !== undefined && env.OIDC_CLIENT_AUTH === 'client_secret_basic',
  )
  @IsString({
    message: 'OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set and OIDC_CLIENT_AUTH=client_secret_basic',
  })
  OIDC_CLIENT_SECRET?: string;

  @IsIn(['client_secret_basic', 'private_key_jwt'], {
    message: 'OIDC_CLIENT_AUTH must be client_secret_basic or private_key_jwt (NHS CIS2 needs private_key_jwt)',
  })
  OIDC_CLIENT_AUTH: 'client_secret_basic' | 'private_key_jwt' = 'client_secret_basic';

  @ValidateIf(
    (env: EnvironmentVariables) => env.OIDC_ISSUER !== undefined && env.OIDC_CLIENT_AUTH === 'private_key_jwt',
  )
  @IsString({
    message:
      'OIDC_PRIVATE_KEY_PATH must be the path of a PEM private key; it is required when OIDC_ISSUER is set and OIDC_CLIENT_AUTH=private_key_jwt',
  })
  OIDC_PRIVATE_KEY_PATH?: string;

  @IsIn(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'], {
    message: 'OIDC_PRIVATE_KEY_ALG must be one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384',
  })
  OIDC_PRIVATE_KEY_ALG = 'RS512';

  @IsOptional()
  @IsString({ message: 'OIDC_PRIVATE_KEY_ID must be the key id (kid) registered with the identity provider' })
  OIDC_PRIVATE_KEY_ID?: string;

  @Matches(/(^|\s)openid(\s|$)/, {
    message: 'OIDC_SCOPES must be a space-separated list of scopes that includes openid',
  })
  OIDC_SCOPES = 'openid profile email nationalrbacaccess selectedrole';

  @Matches(/^[A-Za-z0-9_.:-]+$/, {
    message:
      'OIDC_ROLE_CLAIM must be the name of the ID token or userinfo claim that carries roles, e.g. nhsid_nrbac_roles or roles',
  })
  OIDC_ROLE_CLAIM = 'nhsid_nrbac_roles';

  @IsOptional()
  @Matches(/^\s*[^=,\s]+\s*=\s*[a-z0-9-]+\s*(,\s*[^=,\s]+\s*=\s*[a-z0-9-]+\s*)*$/, {
    message:
      'OIDC_ROLE_MAP must be a comma-separated list of claim-value=role pairs, e.g. R8000=clinician,S8000:G8000:R8008=analyst',
  })
  OIDC_ROLE_MAP?: string;

  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'OIDC_DEFAULT_TENANT must be a tenant slug (lower-case letters, digits and hyphens)',
  })
  OIDC_DEFAULT_TENANT = 'default';

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.SESSION_SECRET !== undefined)
  @IsString({
    message:
      'SESSION_SECRET is required when NODE_ENV=production: at least 32 random characters, e.g. from `openssl rand -base64 48`',
  })
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters, e.g. from `openssl rand -base64 48`' })
  SESSION_SECRET?: string;

  @Type(() => Number)
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Min(1, { message: 'SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Max(1440, { message: 'SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  SESSION_IDLE_MINUTES = 30;

  @Type(() => Number)
  @IsInt({ message: 'SESSION_ABSOLUTE_HOURS must be a whole number of hours between 1 and 168' })
  @Min(1, { message: 'SESSION_ABSOLUTE_HOURS must be a whole number of hours between 1 and 168' })
  @Max(168, { message: 'SESSION_ABSOLUTE_HOURS must be a whole number of hours between 1 and 168' })
  SESSION_ABSOLUTE_HOURS = 12;
  // Runbook engine (server/src/runs).
  @IsOptional()
  @IsString({ message: 'RUNBOOKS_DIR must be a folder path (relative paths are from the repository root)' })
  RUNBOOKS_DIR?: string;

  @Type(() => Number)
  @IsInt({ message: 'RUNS_STEP_CONCURRENCY must be a whole number of steps between 1 and 256' })
  @Min(1, { message: 'RUNS_STEP_CONCURRENCY must be a whole number of steps between 1 and 256' })
  @Max(256, { message: 'RUNS_STEP_CONCURRENCY must be a whole number of steps between 1 and 256' })
  // Steps mostly wait on other systems (HTTP calls, the model, browsers, people), so a worker runs
  // many at once; DATABASE_POOL_SIZE follows it (see pool-size.ts).
  RUNS_STEP_CONCURRENCY = 32;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number of connections between 2 and 500' })
  @Min(2, { message: 'DATABASE_POOL_SIZE must be a whole number of connections between 2 and 500' })
  @Max(500, { message: 'DATABASE_POOL_SIZE must be a whole number of connections between 2 and 500' })
  // Unset: half of RUNS_STEP_CONCURRENCY plus 10 (see pool-size.ts).
  DATABASE_POOL_SIZE?: number;

  @Type(() => Number)
  @IsInt({ message: 'RUNS_STEP_LOCK_MS must be a whole number of milliseconds, at least 1000' })
  @Min(1000, { message: 'RUNS_STEP_LOCK_MS must be a whole number of milliseconds, at least 1000' })
  RUNS_STEP_LOCK_MS = 30000;

  @Type(() => Number)
  @IsInt({ message: 'RUNS_RECOVERY_INTERVAL_MS must be a whole number of milliseconds, at least 1000' })
  @Min(1000, { message: 'RUNS_RECOVERY_INTERVAL_MS must be a whole number of milliseconds, at least 1000' })
  RUNS_RECOVERY_INTERVAL_MS = 30000;

  // Test-only step types (server/src/runs/testing), honoured only when NODE_ENV=test.
  @IsOptional()
  @IsString()
  TEST_STEP_TYPES?: string;

  // Built-in step types (server/src/steps).
  @Transform(splitList)
  @Matches(/^(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i, {
    each: true,
    message:
      'HTTP_STEP_ALLOWED_HOSTS must be a comma-separated list of host names, host:port pairs or *.domain wildcards, e.g. api.example.nhs.uk,*.trust.nhs.uk,127.0.0.1:8080',
  })
  HTTP_STEP_ALLOWED_HOSTS: string[] = [];

  @Type(() => Number)
  @IsInt({ message: 'HTTP_STEP_TIMEOUT_MS must be a whole number of milliseconds between 100 and 300000' })
  @Min(100, { message: 'HTTP_STEP_TIMEOUT_MS must be a whole number of milliseconds between 100 and 300000' })
  @Max(300000, { message: 'HTTP_STEP_TIMEOUT_MS must be a whole number of milliseconds between 100 and 300000' })
  HTTP_STEP_TIMEOUT_MS = 30000;

  @Type(() => Number)
  @IsInt({ message: 'HTTP_STEP_MAX_RESPONSE_BYTES must be a whole number of bytes between 1 and 52428800' })
  @Min(1, { message: 'HTTP_STEP_MAX_RESPONSE_BYTES must be a whole number of bytes between 1 and 52428800' })
  @Max(52428800, { message: 'HTTP_STEP_MAX_RESPONSE_BYTES must be a whole number of bytes between 1 and 52428800' })
  HTTP_STEP_MAX_RESPONSE_BYTES = 1048576;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message: 'SLACK_WEBHOOK_URL must be a Slack incoming-webhook address, e.g. https://hooks.slack.com/services/...',
    },
  )
  SLACK_WEBHOOK_URL?: string;

  // Workspaces (server/src/workspaces): where imports may come from and how big they may be.
  @Transform(splitList)
  @IsString({
    each: true,
    message:
      'WORKSPACE_ALLOWED_ROOTS must be a comma-separated list of folders on the server that local imports may come from',
  })
  WORKSPACE_ALLOWED_ROOTS: string[] = [];

  @Transform(splitList)
  @IsIn(['https', 'http', 'ssh', 'git', 'file'], {
    each: true,
    message: 'WORKSPACE_GIT_SCHEMES must be a comma-separated list of https, http, ssh, git, file',
  })
  WORKSPACE_GIT_SCHEMES: string[] = ['https', 'file'];

  @Type(() => Number)
  @IsInt({ message: 'WORKSPACE_MAX_FILES must be a whole number of files between 1 and 1000000' })
  @Min(1, { message: 'WORKSPACE_MAX_FILES must be a whole number of files between 1 and 1000000' })
  @Max(1000000, { message: 'WORKSPACE_MAX_FILES must be a whole number of files between 1 and 1000000' })
  WORKSPACE_MAX_FILES = 20000;

  @Type(() => Number)
  @IsInt({ message: 'WORKSPACE_MAX_MB must be a whole number of megabytes between 1 and 100000' })
  @Min(1, { message: 'WORKSPACE_MAX_MB must be a whole number of megabytes between 1 and 100000' })
  @Max(100000, { message: 'WORKSPACE_MAX_MB must be a whole number of megabytes between 1 and 100000' })
  WORKSPACE_MAX_MB = 500;

  @Type(() => Number)
  @IsInt({ message: 'WORKSPACE_GIT_TIMEOUT_SECONDS must be a whole number of seconds between 5 and 3600' })
  @Min(5, { message: 'WORKSPACE_GIT_TIMEOUT_SECONDS must be a whole number of seconds between 5 and 3600' })
  @Max(3600, { message: 'WORKSPACE_GIT_TIMEOUT_SECONDS must be a whole number of seconds between 5 and 3600' })
  WORKSPACE_GIT_TIMEOUT_SECONDS = 300;

  // Incidents (server/src/incidents): each integration is `mock` (scenario fixtures) or `live`.
  @IsIn(['mock', 'live'], { message: 'INCIDENT_INTEGRATIONS_MODE must be mock or live' })
  INCIDENT_INTEGRATIONS_MODE: 'mock' | 'live' = 'mock';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_SERVICENOW_MODE must be mock or live' })
  INTEGRATION_SERVICENOW_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_JIRA_MODE must be mock or live' })
  INTEGRATION_JIRA_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_DATADOG_MODE must be mock or live' })
  INTEGRATION_DATADOG_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_PAGERDUTY_MODE must be mock or live' })
  INTEGRATION_PAGERDUTY_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_AWS_MODE must be mock or live' })
  INTEGRATION_AWS_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsIn(['mock', 'live'], { message: 'INTEGRATION_SLACK_MODE must be mock or live' })
  INTEGRATION_SLACK_MODE?: 'mock' | 'live';

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'SERVICENOW_URL must be your ServiceNow instance, e.g. https://example.service-now.com' },
  )
  SERVICENOW_URL?: string;

  @IsOptional()
  @IsString()
  SERVICENOW_USERNAME?: string;

  @IsOptional()
  @IsString()
  SERVICENOW_PASSWORD?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'JIRA_URL must be your Jira site, e.g. https://example.atlassian.net' },
  )
  JIRA_URL?: string;

  @IsOptional()
  @IsString()
  JIRA_EMAIL?: string;

  @IsOptional()
  @IsString()
  JIRA_API_TOKEN?: string;

  @IsString({ message: 'JIRA_PROJECT_KEY must be the key of the Jira project incidents are filed in, e.g. OPS' })
  JIRA_PROJECT_KEY = 'OPS';

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'DATADOG_URL must be your Datadog site API, e.g. https://api.datadoghq.eu' },
  )
  DATADOG_URL = 'https://api.datadoghq.eu';

  @IsOptional()
  @IsString()
  DATADOG_API_KEY?: string;

  @IsOptional()
  @IsString()
  DATADOG_APP_KEY?: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'PAGERDUTY_URL must be the PagerDuty REST API address, e.g. https://api.pagerduty.com' },
  )
  PAGERDUTY_URL = 'https://api.pagerduty.com';

  @IsOptional()
  @IsString()
  PAGERDUTY_API_TOKEN?: string;

  @IsOptional()
  @IsString()
  PAGERDUTY_FROM_EMAIL?: string;

  @IsString({ message: 'AWS_REGION must be an AWS region, e.g. eu-west-2' })
  AWS_REGION = 'eu-west-2';

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'AWS_ENDPOINT_URL must be an http(s) address' },
  )
  AWS_ENDPOINT_URL?: string;

  @IsOptional()
  @IsString()
  AWS_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  AWS_SECRET_ACCESS_KEY?: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'SLACK_API_URL must be the Slack Web API address, e.g. https://slack.com/api' },
  )
  SLACK_API_URL = 'https://slack.com/api';

  @IsOptional()
  @IsString()
  SLACK_BOT_TOKEN?: string;

  @IsString({ message: 'SLACK_INCIDENT_CHANNEL must be a Slack channel name or id, e.g. #incidents' })
  SLACK_INCIDENT_CHANNEL = '#incidents';

  @IsIn(['auto', 'offline', 'claude'], { message: 'INCIDENT_DIAGNOSIS_ENGINE must be auto, offline or claude' })
  INCIDENT_DIAGNOSIS_ENGINE: 'auto' | 'offline' | 'claude' = 'auto';

  @IsString({ message: 'INCIDENT_DEFAULT_SCENARIO must be the id of a scenario in fixtures/incidents, e.g. high-cpu' })
  INCIDENT_DEFAULT_SCENARIO = 'high-cpu';

  // Live incident integrations (server/src/incidents/integrations/live): more credentials and patience.
  @IsOptional()
  @IsString()
  SERVICENOW_OAUTH_TOKEN?: string;

  @IsString({ message: 'JIRA_ISSUE_TYPE must be the name of the Jira issue type incidents are filed as, e.g. Task' })
  JIRA_ISSUE_TYPE = 'Task';

  @IsOptional()
  @IsString()
  AWS_SESSION_TOKEN?: string;

  @IsOptional()
  @IsString({ message: 'AWS_ECS_CLUSTER must be the name of the ECS cluster whose services TrustOps may roll back' })
  AWS_ECS_CLUSTER?: string;

  @Type(() => Number)
  @IsInt({ message: 'INTEGRATION_HTTP_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 300' })
  @Min(1, { message: 'INTEGRATION_HTTP_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 300' })
  @Max(300, { message: 'INTEGRATION_HTTP_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 300' })
  INTEGRATION_HTTP_TIMEOUT_SECONDS = 15;

  @Type(() => Number)
  @IsInt({ message: 'INTEGRATION_HTTP_MAX_ATTEMPTS must be a whole number of attempts between 1 and 10' })
  @Min(1, { message: 'INTEGRATION_HTTP_MAX_ATTEMPTS must be a whole number of attempts between 1 and 10' })
  @Max(10, { message: 'INTEGRATION_HTTP_MAX_ATTEMPTS must be a whole number of attempts between 1 and 10' })
  INTEGRATION_HTTP_MAX_ATTEMPTS = 3;

  @Type(() => Number)
  @IsInt({ message: 'INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS must be a whole number of seconds between 0 and 600' })
  @Min(0, { message: 'INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS must be a whole number of seconds between 0 and 600' })
  @Max(600, { message: 'INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS must be a whole number of seconds between 0 and 600' })
  INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS = 30;
}

export type EnvironmentVariableName = keyof EnvironmentVariables;
