import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EnvironmentVariables } from './environment-variables.js';

/** Thrown when the environment cannot start TrustOps; the message names every bad variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`TrustOps cannot start because its configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

// Class fields are own properties (useDefineForClassFields), so this lists optional ones too.
const known = new Set(Object.keys(new EnvironmentVariables()));

/**
 * Reads the variables TrustOps knows from `env`, applies defaults and validates them.
 * Empty strings count as unset, so `FOO=` in a compose file means "use the default".
 */
export function loadConfig(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (known.has(name) && value !== undefined && value.trim() !== '') plain[name] = value.trim();
  }
  const config = plainToInstance(EnvironmentVariables, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigurationError([...new Set(errors.flatMap((error) => describe(error, plain)))]);
  return config;
}

function describe(error: ValidationError, plain: Record<string, string>): string[] {
  const got = plain[error.property];
  const suffix = got === undefined ? '' : ` (got "${redactIfSecret(error.property, got)}")`;
  return Object.values(error.constraints ?? {}).map((message) => `${message}${suffix}`);
}

function redactIfSecret(name: string, value: string): string {
  return /KEY|SECRET|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL/.test(name) ? '[redacted]' : value;
}
