import { BadRequestException } from '@nestjs/common';
import type { WorkspaceSourceKind } from '@trustops/contracts';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isInside } from './path-confinement.js';

/** Where a workspace comes from, normalised so that the same source always compares equal. */
export interface WorkspaceSource {
  kind: WorkspaceSourceKind;
  /** What is stored and compared: a git URL without credentials, or a folder's real path. */
  normalised: string;
  /** What git clones from (for file:// the real path as a URL) or the folder to copy. */
  location: string;
  /** A name to show when the person gave none. */
  suggestedName: string;
}

export interface SourceRules {
  allowedRoots: readonly string[];
  gitSchemes: readonly string[];
}

const SCP_LIKE = /^[\w.-]+@[\w.-]+:[\w./~-]+$/;

/** Git URL or path: decides the kind when the person did not say. */
export function guessKind(source: string): WorkspaceSourceKind {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || SCP_LIKE.test(source) ? 'git' : 'local';
}

export async function resolveSource(
  raw: string,
  kind: WorkspaceSourceKind | undefined,
  rules: SourceRules,
): Promise<WorkspaceSource> {
  const source = raw.trim();
  if (!source) throw new BadRequestException('Give a git address or a folder path to import.');
  if (source.includes('\0') || /[\r\n]/.test(source))
    throw new BadRequestException('That source contains characters that are not allowed.');
  const chosen = kind ?? guessKind(source);
  return chosen === 'git' ? resolveGitSource(source, rules) : resolveLocalSource(source, rules);
}

async function resolveGitSource(given: string, rules: SourceRules): Promise<WorkspaceSource> {
  // A repository on this server named by its path is the same as its file:// address.
  const source = path.isAbsolute(given) ? pathToFileURL(given).href : given;
  if (SCP_LIKE.test(source)) {
    if (!rules.gitSchemes.includes('ssh')) throw schemeNotAllowed('ssh', rules);
    const normalised = source.replace(/\.git$/, '').replace(/\/+$/, '');
    return { kind: 'git', normalised, location: source, suggestedName: lastPart(normalised) };
  }
  const url = URL.parse(source);
  if (!url)
    throw new BadRequestException('That is not a valid git address. Use one such as https://github.com/org/repo.git.');
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (!rules.gitSchemes.includes(scheme)) throw schemeNotAllowed(scheme, rules);
  if (url.username || url.password) {
    throw new BadRequestException(
      'Do not put a user name or password in the address: only repositories that can be read without signing in can be imported.',
    );
  }
  if (url.search || url.hash) throw new BadRequestException('A git address cannot have "?" or "#" parts.');
  if (scheme === 'file') {
    // A repository on this server: the same folder rules as a local import.
    const folder = await realFolderInsideRoots(fileURLToPath(url), rules);
    return {
      kind: 'git',
      normalised: pathToFileURL(folder).href,
      location: pathToFileURL(folder).href,
      suggestedName: path.basename(folder),
    };
  }
  url.hostname = url.hostname.toLowerCase();
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  const normalised = `${scheme}://${url.host}${pathname}`;
  return { kind: 'git', normalised, location: url.href, suggestedName: lastPart(pathname) || url.hostname };
}

async function resolveLocalSource(source: string, rules: SourceRules): Promise<WorkspaceSource> {
  if (!path.isAbsolute(source))
    throw new BadRequestException(
      `Give the full path of the folder, starting with "/" (for example ${rules.allowedRoots[0] ?? '/srv/integrations'}/my-engine).`,
    );
  const folder = await realFolderInsideRoots(source, rules);
  return { kind: 'local', normalised: folder, location: folder, suggestedName: path.basename(folder) };
}

async function realFolderInsideRoots(folder: string, rules: SourceRules): Promise<string> {
  const roots = await Promise.all(rules.allowedRoots.map((root) => realpath(root).catch(() => path.resolve(root))));
  const real = await realpath(folder).catch(() => undefined);
  // Outside the allowed folders says the same whether or not the folder exists: no probing.
  if (!real || !roots.some((root) => isInside(root, real))) {
    throw new BadRequestException(
      `Only folders inside ${rules.allowedRoots.join(' or ')} can be imported. Ask an administrator to add the folder to WORKSPACE_ALLOWED_ROOTS.`,
    );
  }
  if (!(await stat(real)).isDirectory()) throw new BadRequestException(`"${folder}" is a file, not a folder.`);
  return real;
}

function schemeNotAllowed(scheme: string, rules: SourceRules): BadRequestException {
  return new BadRequestException(
    `Git addresses starting "${scheme}" are not allowed here; use ${rules.gitSchemes.map((item) => `${item}://`).join(' or ')}.`,
  );
}

function lastPart(value: string): string {
  return value.split(/[/:]/).filter(Boolean).pop() ?? value;
}
