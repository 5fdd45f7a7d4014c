import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `trustops` command as installed (server/bin/trustops.js), run with this Node. */
export const CLI_PATH = fileURLToPath(new URL('../../../bin/trustops.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI in a child process, as a person would from the repository root. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env['PATH'] ?? '', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
