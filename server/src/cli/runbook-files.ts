import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRunbook, type ParseResult } from '@trustops/runbook';

/** Reads and parses one runbook file; an unreadable file is reported like any other problem. */
export async function readRunbookFile(file: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    return { ok: false, problems: [{ file, line: 0, column: 0, path: '', message: `cannot be read: ${reason}` }] };
  }
  return parseRunbook(text, file);
}

/** Files as given; a folder becomes the `*.yaml` / `*.yml` files below it, sorted. */
export async function expandRunbookPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const isFolder = await stat(path).then(
      (found) => found.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort(),
    );
  }
  return files;
}
