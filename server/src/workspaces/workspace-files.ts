import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { WorkspaceFileResponse, WorkspaceTreeResponse } from '@trustops/contracts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listInsideWorkspace, resolveInsideWorkspace } from './path-confinement.js';

/** Files larger than this are not opened in the viewer at all. */
const MAX_VIEWABLE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_PAGE_LINES = 500;
export const MAX_PAGE_LINES = 5000;

const HIGHLIGHT_LANGUAGES: Record<string, string> = {
  '.js': 'javascript',
  '.cjs': 'javascript',
  '.mjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.py': 'python',
  '.java': 'java',
  '.cs': 'csharp',
  '.go': 'go',
  '.rb': 'ruby',
  '.php': 'php',
  '.kt': 'kotlin',
  '.scala': 'scala',
  '.groovy': 'groovy',
  '.sql': 'sql',
  '.sh': 'bash',
  '.bash': 'bash',
  '.ps1': 'powershell',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.xml': 'xml',
  '.xsl': 'xml',
  '.xslt': 'xml',
  '.html': 'xml',
  '.md': 'markdown',
  '.ini': 'ini',
  '.cfg': 'ini',
  '.toml': 'ini',
  '.properties': 'properties',
  '.css': 'css',
  '.scss': 'scss',
  '.dockerfile': 'dockerfile',
  '.hl7': 'plaintext',
  '.er7': 'plaintext',
  '.txt': 'plaintext',
  '.csv': 'plaintext',
};

/** The highlight.js language for a file name, or null when none fits. */
export function highlightLanguage(filePath: string): string | null {
  const base = path.posix.basename(filePath);
  if (base === 'Dockerfile') return 'dockerfile';
  if (base === 'Makefile') return 'makefile';
  return HIGHLIGHT_LANGUAGES[path.posix.extname(base).toLowerCase()] ?? null;
}

export async function workspaceTree(root: string, requestPath: string): Promise<WorkspaceTreeResponse> {
  const entries = await listInsideWorkspace(root, requestPath);
  const folder = await resolveInsideWorkspace(root, requestPath);
  return { path: folder.relativePath, entries };
}

/** One page of lines of a text file; binary files come back with `binary: true` and no content. */
export async function workspaceFile(
  root: string,
  requestPath: string,
  startLine = 1,
  lineCount = DEFAULT_PAGE_LINES,
): Promise<WorkspaceFileResponse> {
  const file = await resolveInsideWorkspace(root, requestPath);
  if (file.kind !== 'file') throw new BadRequestException(`"${file.relativePath}" is a folder; open a file inside it.`);
  if (file.size > MAX_VIEWABLE_BYTES) {
    throw new PayloadTooLargeException(
      `"${file.relativePath}" is ${Math.round(file.size / (1024 * 1024))} MB, too large to show here.`,
    );
  }
  const bytes = await readFile(file.absolutePath);
  const base = { path: file.relativePath, size: file.size, language: highlightLanguage(file.relativePath) };
  if (bytes.subarray(0, 8192).includes(0)) {
    return {
      ...base,
      binary: true,
      language: null,
      startLine: 1,
      endLine: 0,
      totalLines: 0,
      content: '',
      hasMore: false,
    };
  }
  const text = bytes.toString('utf8');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const totalLines = text === '' ? 0 : lines.length;
  const first = Math.max(1, Math.min(startLine, Math.max(totalLines, 1)));
  const count = Math.max(1, Math.min(lineCount, MAX_PAGE_LINES));
  const page = totalLines === 0 ? [] : lines.slice(first - 1, first - 1 + count);
  const endLine = first + page.length - 1;
  return {
    ...base,
    binary: false,
    startLine: first,
    endLine,
    totalLines,
    content: page.join('\n'),
    hasMore: endLine < totalLines,
  };
}
