import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo's root folder (the one whose package.json declares the workspaces), found by
 * walking up from this file: the same answer from `server/src` under a test and from
 * `server/dist` in production, and in the Docker image.
 */
export function findRepositoryRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) return folder;
    if (dirname(folder) === folder) throw new Error(`No package.json with workspaces above ${start}`);
  }
}

let version: string | undefined;

/** The platform's version: the root package.json's. */
export function platformVersion(): string {
  version ??= (JSON.parse(readFileSync(join(findRepositoryRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}
