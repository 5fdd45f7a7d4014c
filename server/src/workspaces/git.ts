import { execFile } from 'node:child_process';

/** A git command failed; `message` is safe to show (no credentials, no server paths beyond the workspace). */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
}

export interface GitOptions {
  /** Working directory (omit for `clone`). */
  cwd?: string;
  timeoutMs: number;
  /** URL schemes git may use for this command (every other transport is refused by git itself). */
  allowedSchemes: readonly string[];
}

const MAX_OUTPUT = 1024 * 1024;

/**
 * Runs git with arguments (never through a shell), with a scrubbed environment: no prompts for
 * passwords, no system or user config, no askpass helpers, and only the allowed transports.
 */
export function runGit(args: readonly string[], options: GitOptions): Promise<string> {
  const protocolConfig = [
    '-c',
    'protocol.allow=never',
    ...options.allowedSchemes.flatMap((scheme) => ['-c', `protocol.${scheme}.allow=always`]),
  ];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes',
    LANG: 'C',
    LC_ALL: 'C',
  };
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...protocolConfig, '-c', 'core.hooksPath=/dev/null', '-c', 'advice.detachedHead=false', ...args],
      { cwd: options.cwd, env, timeout: options.timeoutMs, maxBuffer: MAX_OUTPUT, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return reject(new GitCommandError('git is not installed on the server.'));
        if (error.killed)
          return reject(
            new GitCommandError(
              `git took longer than ${Math.round(options.timeoutMs / 1000)} seconds and was stopped.`,
            ),
          );
        reject(new GitCommandError(explainGitFailure(String(stderr))));
      },
    );
  });
}

/** The useful line of git's complaint, in plainer words where we know them. */
function explainGitFailure(stderr: string): string {
  const text = stderr.replace(/https?:\/\/[^@\s/]*@/g, 'https://');
  if (/could not read Username|Authentication failed|terminal prompts disabled/i.test(text)) {
    return 'The repository needs a password or token. Only repositories that can be read without signing in can be imported.';
  }
  if (/not found|does not appear to be a git repository|does not exist/i.test(text))
    return 'There is no git repository at that address.';
  if (/Could not resolve host|unable to access/i.test(text)) return 'The server could not reach that address.';
  if (/transport .* not allowed/i.test(text)) return 'That kind of git address is not allowed here.';
  if (/Not possible to fast-forward|diverging|would be overwritten/i.test(text)) {
    return 'The workspace has changes that conflict with the repository, so it could not be updated.';
  }
  const line = text
    .split('\n')
    .map((item) => item.trim())
    .find((item) => /^(fatal|error):/.test(item));
  return line ? `git reported: ${line.replace(/^(fatal|error):\s*/, '')}` : 'git could not complete the operation.';
}

/** The commit checked out in `folder`, or null when it is not inside a git repository. */
export async function headCommit(folder: string, options: Omit<GitOptions, 'cwd'>): Promise<string | null> {
  try {
    const commit = await runGit(['rev-parse', 'HEAD'], { ...options, cwd: folder });
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}
