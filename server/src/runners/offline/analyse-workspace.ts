import { open } from 'node:fs/promises';
import path from 'node:path';
import { resolveInsideWorkspace, walkInsideWorkspace } from '../../workspaces/path-confinement.js';
import type { AnalyseOptions, IntegrationAnalysis } from './analysis.types.js';
import { readFileFacts, type FileFacts } from './file-facts.js';
import { buildFlows, flowDiagram } from './flows.js';
import { buildInventory } from './inventory.js';
import { isSkippedFile, languageOf, looksBinary } from './language.js';
import { analysisMarkdown } from './markdown.js';

const DEFAULT_MAX_FILES = 2000;
const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

/**
 * Reads an integration codebase and describes it: HL7 v2 message types and segments, endpoints,
 * handlers, transformations, a component inventory, message flows with a Mermaid diagram, and a
 * Markdown document. Deterministic and offline: the same files give the same result.
 *
 * Every file is opened through the workspace path-confinement helper, so links that lead out of
 * `root` are never followed.
 */
export async function analyseWorkspace(root: string, options: AnalyseOptions = {}): Promise<IntegrationAnalysis> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const warnings: string[] = [];
  const walk = await walkInsideWorkspace(root, { maxFiles: maxFiles * 5, signal: options.signal });
  const include = options.include?.map((folder) => folder.replace(/^\/+|\/+$/g, '')).filter(Boolean) ?? [];
  const candidates = walk.files.filter(
    (file) =>
      include.length === 0 || include.some((folder) => file.path === folder || file.path.startsWith(`${folder}/`)),
  );
  if (walk.truncated) warnings.push('The workspace has more files than the analyser walks; some were not looked at.');

  const facts: FileFacts[] = [];
  const languages: Record<string, number> = {};
  let skipped = 0;
  for (const file of candidates) {
    if (options.signal?.aborted) {
      warnings.push('The analysis was stopped before every file was read.');
      break;
    }
    const language = languageOf(file.path);
    if (!language || isSkippedFile(file.path)) continue;
    if (facts.length >= maxFiles) {
      skipped += 1;
      continue;
    }
    if (file.size > maxFileBytes) {
      skipped += 1;
      warnings.push(`${file.path} was skipped because it is larger than ${Math.round(maxFileBytes / 1024)} KiB.`);
      continue;
    }
    const text = await readTextFile(root, file.path, maxFileBytes);
    if (text === undefined) {
      skipped += 1;
      continue;
    }
    languages[language] = (languages[language] ?? 0) + 1;
    facts.push(readFileFacts(file.path, language, text));
  }
  if (facts.length >= maxFiles && skipped > 0)
    warnings.push(`Only the first ${maxFiles} files were analysed; ${skipped} more were skipped.`);

  const inventory = buildInventory(facts);
  const flows = buildFlows(
    inventory.messageTypes.map((type) => type.code),
    inventory.components,
    inventory.endpoints,
  );
  const partial = {
    title: options.title ?? path.basename(path.resolve(root)),
    summary: { filesSeen: walk.files.length, filesAnalysed: facts.length, filesSkipped: skipped, languages },
    ...inventory,
    flows,
    diagram: flowDiagram(flows, inventory.components, inventory.endpoints),
    warnings,
  };
  return { ...partial, markdown: analysisMarkdown(partial) };
}

async function readTextFile(root: string, relativePath: string, maxBytes: number): Promise<string | undefined> {
  const confined = await resolveInsideWorkspace(root, relativePath).catch(() => undefined);
  if (!confined || confined.kind !== 'file') return undefined;
  const handle = await open(confined.absolutePath, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(confined.size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    return looksBinary(bytes) ? undefined : bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}
