import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findRepositoryRoot } from '../app-info.js';

export interface ServerProcess {
  /** Resolves with the URL the server printed, or rejects if it exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs the built server (`server/dist/main.js`) with the Node running the tests, with only
 * PATH and `env` in its environment (so a developer's own variables do not leak in).
 */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', join(findRepositoryRoot(), 'server', 'dist', 'main.js')],
    {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /TrustOps is running at (http:\/\/[^\s"]+)/.exec(stdout);
      if (match?.[1]) {
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) =>
      reject(
        new Error(`The server exited (code ${code}, signal ${signal}) before it was ready.\n${stderr}\n${stdout}`),
      ),
    );
  });
  ready.catch(() => undefined);
  return { ready, exited, stdout: () => stdout, stderr: () => stderr, kill: (signal) => child.kill(signal) };
}
