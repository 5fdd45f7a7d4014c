import { readFile } from 'node:fs/promises';
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
