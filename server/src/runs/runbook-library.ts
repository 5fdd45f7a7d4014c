import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseRunbook, type RunbookDefinition, type RunbookProblem } from '@trustops/runbook';

/** A runbook shipped in `runbooks/`, shared by every tenant. */
export interface BuiltinRunbook {
  definition: RunbookDefinition;
  yaml: string;
  /** Relative to the library folder, e.g. `examples/approval-demo.yaml`. */
  file: string;
}

export interface LoadedLibrary {
  runbooks: Map<string, BuiltinRunbook>;
  /** Files that did not parse, or repeated an id: left out, reported at start-up. */
  problems: RunbookProblem[];
}

/** Reads every `*.yaml` / `*.yml` under `folder` (recursively). A missing folder is an empty library. */
export async function loadRunbookLibrary(folder: string): Promise<LoadedLibrary> {
  const runbooks = new Map<string, BuiltinRunbook>();
  const problems: RunbookProblem[] = [];
  for (const path of (await yamlFiles(folder)).sort()) {
    const file = relative(folder, path);
    const yaml = await readFile(path, 'utf8');
    const parsed = parseRunbook(yaml, file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const existing = runbooks.get(parsed.runbook.id);
    if (existing) {
      problems.push({
        file,
        line: 0,
        column: 0,
        path: 'id',
        message: `The id "${parsed.runbook.id}" is already used by ${existing.file}; this file was not loaded.`,
      });
      continue;
    }
    runbooks.set(parsed.runbook.id, { definition: parsed.runbook, yaml, file });
  }
  return { runbooks, problems };
}

async function yamlFiles(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}
