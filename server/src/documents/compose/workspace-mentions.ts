import { readFile } from 'node:fs/promises';
import { resolveInsideWorkspace } from '../../workspaces/path-confinement.js';

/** A line of a workspace file that mentions one of the terms looked for. */
export interface Mention {
  file: string;
  line: number;
  excerpt: string;
}

const MAX_FILE_BYTES = 512 * 1024;
const MAX_MENTIONS_PER_FILE = 8;

/**
 * The lines of `files` (relative to `root`) matching any of `patterns`. Files are read through the
 * workspaces' path confinement, so a link out of the workspace is never followed; a file that
 * cannot be read is left out rather than failing the document.
 */
export async function findMentions(
  root: string,
  files: readonly string[],
  patterns: readonly RegExp[],
): Promise<Mention[]> {
  const mentions: Mention[] = [];
  for (const file of [...new Set(files)].sort()) {
    let text: string;
    try {
      const confined = await resolveInsideWorkspace(root, file);
      text = await readFile(confined.absolutePath, 'utf8');
    } catch {
      continue;
    }
    if (text.length > MAX_FILE_BYTES) continue;
    let found = 0;
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length && found < MAX_MENTIONS_PER_FILE; index += 1) {
      const line = lines[index] ?? '';
      if (patterns.some((pattern) => pattern.test(line))) {
        mentions.push({ file, line: index + 1, excerpt: line.trim().slice(0, 160) });
        found += 1;
      }
    }
  }
  return mentions;
}

/** `|` and new lines would break a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
