import { BadRequestException, NotFoundException } from '@nestjs/common';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * The one place that turns a path someone gave us into a path on disk inside a workspace.
 * Everything that reads workspace files (the file API, the runners' tools, the offline analyser)
 * goes through here, so "stays inside the workspace" is decided once.
 *
 * A request path is relative to the workspace root and uses `/`. It is refused (400) when it is
 * absolute, contains a NUL byte, a `..` part or a backslash, or when its real location (symlinks
 * resolved) is outside the root; a path that does not exist is 404.
 */

/** Why a path was refused; the message is for people, not programmers. */
export class PathOutsideWorkspaceException extends BadRequestException {
  constructor(reason: string) {
    super(`That path is not allowed: ${reason}. Paths must stay inside the workspace.`);
  }
}

const MAX_PATH_LENGTH = 1024;

/**
 * Checks a request path's shape (no file-system access) and returns its normalised relative
 * form (`''` for the root). Decodes nothing: the HTTP layer has already decoded once, so `%2e%2e`
 * here is a literal file name, and a literal `..` is refused.
 */
export function normaliseRequestPath(requestPath: string): string {
  if (requestPath.includes('\0')) throw new PathOutsideWorkspaceException('it contains a NUL character');
  if (requestPath.length > MAX_PATH_LENGTH) throw new PathOutsideWorkspaceException('it is too long');
  if (requestPath.includes('\\')) throw new PathOutsideWorkspaceException('it contains a backslash');
  if (requestPath.startsWith('/') || /^[A-Za-z]:/.test(requestPath) || path.isAbsolute(requestPath)) {
    throw new PathOutsideWorkspaceException('it is an absolute path');
  }
  const parts = requestPath.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) throw new PathOutsideWorkspaceException('it goes up a folder with ".."');
  return parts.join('/');
}

/** True when `candidate` is `root` or inside it (both already absolute and real). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path resolved inside a workspace. */
export interface ConfinedPath {
  /** Normalised, relative to the root, with `/` (`''` for the root). */
  relativePath: string;
  /** Real absolute path on disk (symlinks resolved). */
  absolutePath: string;
  kind: 'file' | 'directory';
  size: number;
}

/**
 * Resolves `requestPath` inside the workspace at `root`: refuses anything that would leave it
 * (400) and anything that does not exist (404).
 */
export async function resolveInsideWorkspace(root: string, requestPath: string): Promise<ConfinedPath> {
  const relativePath = normaliseRequestPath(requestPath);
  const realRoot = await realpath(root).catch(() => {
    throw new NotFoundException('The workspace folder is missing on the server. Refresh the workspace to restore it.');
  });
  const joined = path.join(realRoot, ...relativePath.split('/').filter(Boolean));
  if (!isInside(realRoot, joined)) throw new PathOutsideWorkspaceException('it points outside the workspace');
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    throw new NotFoundException(`There is no file or folder called "${relativePath}" in this workspace.`);
  }
  if (!isInside(realRoot, real))
    throw new PathOutsideWorkspaceException('it is a link to somewhere outside the workspace');
  const stats = await lstat(real);
  if (!stats.isFile() && !stats.isDirectory()) {
    throw new PathOutsideWorkspaceException('it is not an ordinary file or folder');
  }
  return { relativePath, absolutePath: real, kind: stats.isDirectory() ? 'directory' : 'file', size: stats.size };
}

/**
 * For a file about to be written (it may not exist yet): the same refusals, and the nearest
 * folder that exists (symlinks resolved) must be inside the workspace. A dangling symlink is
 * refused rather than followed. Returns where to write; folders in between may need creating.
 */
export async function resolveForWriting(
  root: string,
  requestPath: string,
): Promise<{ relativePath: string; absolutePath: string; exists: boolean }> {
  const relativePath = normaliseRequestPath(requestPath);
  if (relativePath === '') throw new PathOutsideWorkspaceException('it names the workspace itself, not a file');
  const realRoot = await realpath(root).catch(() => {
    throw new NotFoundException('The workspace folder is missing on the server. Refresh the workspace to restore it.');
  });
  const parts = relativePath.split('/');
  for (let known = parts.length; known >= 0; known -= 1) {
    const candidate = path.join(realRoot, ...parts.slice(0, known));
    const real = await realpath(candidate).catch(() => undefined);
    if (real === undefined) {
      const link = await lstat(candidate).catch(() => undefined);
      if (link?.isSymbolicLink()) throw new PathOutsideWorkspaceException('it is a link that points nowhere');
      continue;
    }
    if (!isInside(realRoot, real))
      throw new PathOutsideWorkspaceException('it is a link to somewhere outside the workspace');
    const missing = parts.slice(known);
    if (missing.length === 0 && (await lstat(real)).isDirectory())
      throw new BadRequestException(`"${relativePath}" is a folder, not a file.`);
    return { relativePath, absolutePath: path.join(real, ...missing), exists: missing.length === 0 };
  }
  throw new PathOutsideWorkspaceException('it points outside the workspace');
}

/** One entry of a folder listing. */
export interface ConfinedEntry {
  name: string;
  /** Relative to the workspace root, with `/`. */
  path: string;
  kind: 'file' | 'directory';
  size: number;
}

/** Folders that are never listed or walked: version control internals and dependency caches. */
export const IGNORED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  '.hg',
  '.svn',
  '__pycache__',
  '.venv',
  'venv',
  '.idea',
  '.vscode',
  'dist',
  'build',
  'target',
  '.nx',
  '.angular',
  'coverage',
]);

/**
 * Lists a folder inside the workspace. Symlinks are shown only when they resolve inside the
 * workspace (as what they point to); links that leave it are left out.
 */
export async function listInsideWorkspace(root: string, requestPath: string): Promise<ConfinedEntry[]> {
  const folder = await resolveInsideWorkspace(root, requestPath);
  if (folder.kind !== 'directory') throw new BadRequestException(`"${folder.relativePath}" is a file, not a folder.`);
  const realRoot = await realpath(root);
  const entries: ConfinedEntry[] = [];
  for (const dirent of await readdir(folder.absolutePath, { withFileTypes: true })) {
    if (dirent.isDirectory() && IGNORED_DIRECTORIES.has(dirent.name)) continue;
    const childRelative = folder.relativePath ? `${folder.relativePath}/${dirent.name}` : dirent.name;
    const childAbsolute = path.join(folder.absolutePath, dirent.name);
    let real = childAbsolute;
    if (dirent.isSymbolicLink()) {
      real = await realpath(childAbsolute).catch(() => '');
      if (!real || !isInside(realRoot, real)) continue;
    }
    const stats = await lstat(real).catch(() => undefined);
    if (!stats || (!stats.isFile() && !stats.isDirectory())) continue;
    entries.push({
      name: dirent.name,
      path: childRelative,
      kind: stats.isDirectory() ? 'directory' : 'file',
      size: stats.isFile() ? stats.size : 0,
    });
  }
  return entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
}

export interface WalkOptions {
  /** Stop after this many files (the result says it was cut short). */
  maxFiles?: number;
  signal?: AbortSignal;
}

export interface WalkResult {
  files: ConfinedEntry[];
  truncated: boolean;
}

/**
 * Every file inside the workspace (depth first, sorted, ignored folders skipped, symlinks that
 * leave the workspace skipped, symlinked folders not followed so a loop cannot trap the walk).
 */
export async function walkInsideWorkspace(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const maxFiles = options.maxFiles ?? Number.POSITIVE_INFINITY;
  const files: ConfinedEntry[] = [];
  const realRoot = await realpath(root);
  const visit = async (relative: string, absolute: string): Promise<boolean> => {
    const dirents = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const dirent of dirents) {
      if (options.signal?.aborted) return false;
      const childRelative = relative ? `${relative}/${dirent.name}` : dirent.name;
      const childAbsolute = path.join(absolute, dirent.name);
      if (dirent.isDirectory()) {
        if (IGNORED_DIRECTORIES.has(dirent.name)) continue;
        if (!(await visit(childRelative, childAbsolute))) return false;
        continue;
      }
      let target = childAbsolute;
      if (dirent.isSymbolicLink()) {
        target = await realpath(childAbsolute).catch(() => '');
        if (!target || !isInside(realRoot, target)) continue;
      } else if (!dirent.isFile()) continue;
      const stats = await lstat(target).catch(() => undefined);
      if (!stats?.isFile()) continue;
      if (files.length >= maxFiles) return false;
      files.push({ name: dirent.name, path: childRelative, kind: 'file', size: stats.size });
    }
    return true;
  };
  const complete = await visit('', realRoot);
  return { files, truncated: !complete };
}
