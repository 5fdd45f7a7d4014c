import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Why a tool refused a path. The message is shown to the model (and the transcript), so it says
 * what was wrong without revealing anything outside the workspace.
 */
export class PathOutsideWorkspaceError extends Error {
  override readonly name = 'PathOutsideWorkspaceError';
}

/**
 * The real absolute path of `requested` (relative to the workspace root), refused when it — or
 * whatever a symlink on the way points to — is outside the workspace. For a file about to be
 * written (`mustExist: false`) the nearest existing ancestor is checked instead.
 *
 * TODO(#5): replace with the workspaces module's path-confinement helper once it has landed, so
 * that one implementation guards every file access.
 */
export async function resolveInsideWorkspace(
  root: string,
  requested: string,
  options: { mustExist?: boolean } = {},
): Promise<string> {
  if (requested.includes('\0')) throw new PathOutsideWorkspaceError('That path is not valid.');
  if (isAbsolute(requested)) {
    throw new PathOutsideWorkspaceError(
      `"${requested}" is an absolute path; use a path relative to the workspace, such as "src/app.ts".`,
    );
  }
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, requested);
  if (!isInside(realRoot, candidate)) throw outside(requested);

  // Walk up to the nearest ancestor that exists; its real path decides (symlinks included).
  let existing = candidate;
  let missingTail = '';
  for (;;) {
    const real = await realpathOrNull(existing);
    if (real !== null) {
      if (!isInside(realRoot, real)) throw outside(requested);
      if (missingTail === '') return real;
      if (options.mustExist !== false) throw notFound(requested);
      return resolve(real, missingTail);
    }
    // A dangling symlink would be followed by a write: refuse it rather than guess where it goes.
    if (await isDanglingLink(existing)) throw outside(requested);
    const parent = dirname(existing);
    missingTail = missingTail === '' ? relative(parent, existing) : `${relative(parent, existing)}${sep}${missingTail}`;
    existing = parent;
  }
}

/** True when `path` is `root` or below it (both already absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}

function outside(requested: string): PathOutsideWorkspaceError {
  return new PathOutsideWorkspaceError(`"${requested}" is outside the workspace; only files inside it can be used.`);
}

/** A missing path: said plainly so that the model can correct itself. */
export class PathNotFoundError extends Error {
  override readonly name = 'PathNotFoundError';
}

function notFound(requested: string): PathNotFoundError {
  return new PathNotFoundError(`There is no file or folder "${requested}" in the workspace.`);
}

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function isDanglingLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}
