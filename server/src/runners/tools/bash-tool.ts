import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BashLimits {
  /** The command is killed (with everything it started) after this long. */
  timeoutMs: number;
  /** Bytes of stdout + stderr kept; the command is stopped when it writes more. */
  outputBytes: number;
}

export interface BashResult {
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, cut at the limit. */
  output: string;
  timedOut: boolean;
  truncated: boolean;
  /** What the model reads: the output and, when it matters, how the command ended. */
  summary: string;
}

/**
 * The only variables a command sees. Nothing of the server's own environment (database URL,
 * API keys, session secret) is passed on: a prompt-injected `env` prints just these.
 */
const COMMAND_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Runs `command` with `/bin/bash -c` in `cwd` (the workspace), with a scrubbed environment, a
 * timeout and an output cap. The arguments are passed as an array (no second shell parses them),
 * and the command gets its own process group so that a timeout also stops whatever it started in
 * the background. This confines where the command starts, not what it can reach: `bash` is only
 * offered for workspaces whose owner allowed it.
 */
export async function runBash(
  command: string,
  options: { cwd: string; limits: BashLimits; signal?: AbortSignal },
): Promise<BashResult> {
  const { cwd, limits, signal } = options;
  // A throwaway HOME, so that dotfiles the command writes land nowhere that matters.
  const home = await mkdtemp(join(tmpdir(), 'trustops-bash-'));
  try {
    return await new Promise<BashResult>((resolve, reject) => {
      const child = spawn('/bin/bash', ['-c', command], {
        cwd,
        env: { PATH: COMMAND_PATH, HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      let timedOut = false;
      let settled = false;

      const killGroup = (): void => {
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const collect = (chunk: Buffer): void => {
        if (truncated) return;
        const room = limits.outputBytes - kept;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          kept += room;
          truncated = true;
          killGroup();
          return;
        }
        chunks.push(chunk);
        kept += chunk.length;
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);

      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, limits.timeoutMs);
      const onAbort = (): void => killGroup();
      signal?.addEventListener('abort', onAbort, { once: true });

      child.on('error', (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      // When bash itself ends, whatever it left running in the background goes with it (and
      // releases the output pipes, which it would otherwise hold open).
      child.on('exit', killGroup);
      child.on('close', (code) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const output = Buffer.concat(chunks).toString('utf8');
        resolve({
          exitCode: code,
          output,
          timedOut,
          truncated,
          summary: summarise(output, code, timedOut, truncated, limits),
        });
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function summarise(
  output: string,
  exitCode: number | null,
  timedOut: boolean,
  truncated: boolean,
  limits: BashLimits,
): string {
  const notes: string[] = [];
  if (timedOut) notes.push(`The command was stopped after ${Math.round(limits.timeoutMs / 1000)} seconds.`);
  if (truncated) notes.push(`Output was cut at ${limits.outputBytes} bytes and the command was stopped.`);
  if (!timedOut && !truncated && exitCode !== 0) notes.push(`Exit code ${exitCode ?? 'unknown'}.`);
  const body = output.length > 0 ? output.replace(/\n$/, '') : '(no output)';
  return notes.length > 0 ? `${body}\n${notes.join(' ')}` : body;
}
