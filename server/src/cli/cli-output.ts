/** Where a command writes: the terminal in real use, a buffer in tests. */
export interface CliOutput {
  out(line: string): void;
  error(line: string): void;
}

export const terminal: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes: 0 done, 1 the runbook or the run is not right, 2 the command itself could not work. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
