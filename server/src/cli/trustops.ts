/**
 * The `trustops` command line. `runbook validate` and `runbook inspect` work offline on files;
 * `runbook run` starts a run on a TrustOps server with a personal API token and follows it.
 */
import { parseArgs } from 'node:util';
import { EXIT, terminal, type CliOutput, type ExitCode } from './cli-output.js';
import { inspectCommand } from './inspect-command.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

const USAGE = `Usage:
  trustops runbook validate <file.yaml | folder>...   check runbooks (offline); problems as file:line:col
  trustops runbook inspect <file.yaml>                show inputs, steps by level and the step graph (offline)
  trustops runbook run <file.yaml | runbook-id> [--input name=value]... [--url URL] [--token TOKEN]
                                                      [--idempotency-key KEY]
      starts a run through the API and follows it; exit 0 when it succeeds.
      --url defaults to TRUSTOPS_URL, --token to TRUSTOPS_TOKEN (a personal API token with
      runs:start and runs:read, plus runbooks:write to run a file).`;

export async function main(
  argv: string[],
  environment: NodeJS.ProcessEnv,
  output: CliOutput = terminal,
): Promise<ExitCode> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || group === 'help' || group === undefined) {
    output.out(USAGE);
    return group === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (group !== 'runbook') {
    output.error(`Unknown command "${group}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  switch (command) {
    case 'validate':
      return validateCommand(rest, output);
    case 'inspect':
      return inspectCommand(rest, output);
    case 'run':
      if (rest.length !== 1) {
        output.error(`Name one runbook file or runbook id to run.\n\n${USAGE}`);
        return EXIT.usage;
      }
      return runCommand(
        {
          target: rest[0],
          inputs: values.input ?? [],
          url: values.url ?? environment['TRUSTOPS_URL'],
          token: values.token ?? environment['TRUSTOPS_TOKEN'],
          idempotencyKey: values['idempotency-key'],
        },
        output,
      );
    default:
      output.error(`Unknown runbook command "${command ?? ''}"; expected validate, inspect or run.\n\n${USAGE}`);
      return EXIT.usage;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      url: { type: 'string' },
      token: { type: 'string' },
      'idempotency-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs the command line with this process's arguments and sets its exit code (server/bin/trustops.js calls it). */
export function runFromProcess(): void {
  main(process.argv.slice(2), process.env).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = EXIT.usage;
    },
  );
}
