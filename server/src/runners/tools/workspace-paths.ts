import { HttpException, NotFoundException } from '@nestjs/common';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseRequestPath, resolveInsideWorkspace as resolveConfined } from '../../workspaces/path-confinement.js';

/**
 * Why a tool refused a path. The message is shown to the model (and the transcript), so it says
 * what was wrong without revealing anything outside the workspace.
 */
export class PathOutsideWorkspaceError extends Error {
  override readonly name = 'PathOutsideWorkspaceError';
}

/** A missing path: said plainly so that the model can correct itself. */
export class PathNotFoundError extends Error {
  override readonly name = 'PathNotFoundError';
}

/**
 * The real absolute path of `requested` (relative to the workspace root), through the workspaces
 * module's path-confinement helper: the one place that decides what "inside the workspace" means
 * (absolute paths, `..`, and symlinks that lead out are refused).
 *
 * For a file about to be written (`mustExist: false`) the nearest existing folder on the way is
 * confined instead, and a dangling symlink on the way is refused: writing through it would
 * create its target, wherever that is.
 */
export async function resolveInsideWorkspace(
  root: string,
  requested: string,
  options: { mustExist?: boolean } = {},
): Promise<string> {
  try {
    if (options.mustExist !== false) return (await resolveConfined(root, requested)).absolutePath;
    const parts = normaliseRequestPath(requested).split('/').filter(Boolean);
    for (let existing = parts.length; existing >= 0; existing -= 1) {
      const ancestor = await resolveConfined(root, parts.slice(0, existing).join('/')).catch((error: unknown) => {
        if (error instanceof NotFoundException) return null;
        throw error;
      });
      if (!ancestor) continue;
      const missing = parts.slice(existing);
      if (missing.length > 0 && ancestor.kind !== 'directory')
        throw new PathOutsideWorkspaceError(
          `"${ancestor.relativePath}" is a file, so "${requested}" cannot be created.`,
        );
      if (missing.length > 0 && (await isLink(join(ancestor.absolutePath, missing[0] ?? '')))) {
        throw new PathOutsideWorkspaceError(
          `"${requested}" goes through a link that points nowhere; it cannot be written.`,
        );
      }
      return join(ancestor.absolutePath, ...missing);
    }
    throw new PathNotFoundError('The workspace folder is missing.');
  } catch (error) {
    if (error instanceof NotFoundException) throw new PathNotFoundError(messageOf(error));
    if (error instanceof HttpException) throw new PathOutsideWorkspaceError(messageOf(error));
    throw error;
  }
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  return typeof response === 'string' ? response : error.message;
}
