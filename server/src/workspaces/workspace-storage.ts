import { PayloadTooLargeException } from '@nestjs/common';
import { cp, lstat, readdir, rename, rm } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';

export interface WorkspaceLimits {
  maxFiles: number;
  maxBytes: number;
}

export interface FolderSize {
  files: number;
  bytes: number;
}

const formatNumber = (value: number) => value.toLocaleString('en-GB');
const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(Math.round(bytes / (1024 * 1024)))} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;

/**
 * Counts the files and bytes of a folder (git's own `.git` folder not included), refusing with a
 * 413 as soon as a limit is passed, so that an enormous folder is not read to the end.
 */
export async function measureWithinLimits(folder: string, limits: WorkspaceLimits, what: string): Promise<FolderSize> {
  const size: FolderSize = { files: 0, bytes: 0 };
  const visit = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name === '.git' && current === folder) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        await visit(full);
        continue;
      }
      size.files += 1;
      if (entry.isFile()) size.bytes += (await lstat(full)).size;
      if (size.files > limits.maxFiles) {
        throw new PayloadTooLargeException(
          `${what} has more than ${formatNumber(limits.maxFiles)} files, the most a workspace may have. Import a smaller repository or folder, or ask an administrator to raise WORKSPACE_MAX_FILES.`,
        );
      }
      if (size.bytes > limits.maxBytes) {
        throw new PayloadTooLargeException(
          `${what} is larger than ${formatBytes(limits.maxBytes)}, the most a workspace may hold. Import a smaller repository or folder, or ask an administrator to raise WORKSPACE_MAX_MB.`,
        );
      }
    }
  };
  await visit(folder);
  return size;
}

/** Copies a folder's files (not its `.git`), keeping symlinks as links: reads check where they point. */
export async function copyFolder(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    dereference: false,
    verbatimSymlinks: true,
    errorOnExist: true,
    filter: (source) => path.basename(source) !== '.git' || path.dirname(source) !== from,
  });
}

/** Puts `fresh` where `target` is, then removes the old copy (so a failed refresh leaves the old files). */
export async function replaceFolder(target: string, fresh: string): Promise<void> {
  const old = `${target}.old-${Date.now()}`;
  await rename(target, old);
  try {
    await rename(fresh, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

export async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

const CODE_FILE = /\.(js|mjs|cjs|ts|py|java|cs|groovy|xml|go|rb)$/i;
const MAX_SUGGESTIONS = 20;

/**
 * Folders under `root` (two levels down at most) that look like a codebase: a README and code in
 * the folder or one level below. Offered in the import dialog so nobody has to type a server path.
 */
export async function suggestCodebases(root: string): Promise<Array<{ name: string; path: string }>> {
  const found: Array<{ name: string; path: string }> = [];
  const entries = async (folder: string): Promise<Dirent[]> => readdir(folder, { withFileTypes: true }).catch(() => []);
  const looksLikeCodebase = async (folder: string, children: Dirent[]): Promise<boolean> => {
    if (!children.some((entry) => entry.isFile() && /^readme(\.|$)/i.test(entry.name))) return false;
    if (children.some((entry) => entry.isFile() && CODE_FILE.test(entry.name))) return true;
    for (const child of children.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))) {
      if ((await entries(path.join(folder, child.name))).some((entry) => entry.isFile() && CODE_FILE.test(entry.name)))
        return true;
    }
    return false;
  };
  const visit = async (folder: string, depth: number): Promise<void> => {
    for (const entry of (await entries(folder))
      .filter((item) => item.isDirectory() && !item.name.startsWith('.') && item.name !== 'node_modules')
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= MAX_SUGGESTIONS) return;
      const child = path.join(folder, entry.name);
      if (await looksLikeCodebase(child, await entries(child))) found.push({ name: entry.name, path: child });
      else if (depth < 2) await visit(child, depth + 1);
    }
  };
  await visit(root, 1);
  return found;
}
