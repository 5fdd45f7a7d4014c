import { mkdir, open, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { runBash, type BashLimits } from './bash-tool.js';
import { resolveInsideWorkspace } from './workspace-paths.js';
import type { RunnerWorkspace } from '../runner.js';

/** Limits on what one tool call may read, list or write. */
export interface ToolLimits extends BashLimits {
  /** Characters of a tool's output handed back to the model. */
  outputChars: number;
  /** Entries `list_files` returns. */
  listEntries: number;
  /** Matching lines `search` returns. */
  searchMatches: number;
  /** Files `search` looks at before it gives up. */
  searchFiles: number;
  /** Bytes `write_file` accepts. */
  writeBytes: number;
}

export const DEFAULT_TOOL_LIMITS: ToolLimits = {
  outputChars: 30_000,
  listEntries: 500,
  searchMatches: 100,
  searchFiles: 5_000,
  writeBytes: 1_000_000,
  timeoutMs: 30_000,
  outputBytes: 30_000,
};

/** A tool refused or failed in a way the model should read and can correct (bad path, not allowed). */
export class ToolRefusal extends Error {
  override readonly name = 'ToolRefusal';
}

/** Folders nobody wants listed or searched: version control and dependency caches. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', 'dist', 'target']);
/** Files larger than this are not searched (and are read in pages). */
const SEARCHABLE_BYTES = 1_000_000;

/**
 * The agent's tools over one workspace. Every path goes through the workspace's confinement;
 * `write_file` and `bash` refuse unless the workspace allows them (the runner also leaves them
 * out of the tool list, this is the second lock).
 */
export class WorkspaceTools {
  private realRoot: string | undefined;

  constructor(
    private readonly workspace: RunnerWorkspace,
    private readonly limits: ToolLimits = DEFAULT_TOOL_LIMITS,
  ) {}

  async listFiles(path = '.', depth = 3): Promise<string> {
    const start = await this.resolve(path);
    const info = await stat(start);
    if (!info.isDirectory()) throw new ToolRefusal(`"${path}" is a file, not a folder; use read_file to read it.`);
    const lines: string[] = [];
    let truncated = false;
    const visit = async (folder: string, level: number): Promise<void> => {
      const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (lines.length >= this.limits.listEntries) {
          truncated = true;
          return;
        }
        const full = join(folder, entry.name);
        const shown = this.relativeName(full);
        if (entry.isDirectory()) {
          lines.push(`${shown}/`);
          if (level < depth && !SKIPPED_FOLDERS.has(entry.name)) await visit(full, level + 1);
        } else if (entry.isSymbolicLink()) {
          lines.push(`${shown} (link)`);
        } else if (entry.isFile()) {
          lines.push(`${shown} (${(await stat(full)).size} bytes)`);
        }
      }
    };
    await visit(start, 1);
    if (lines.length === 0) return `"${path}" is empty.`;
    if (truncated) lines.push(`… stopped after ${this.limits.listEntries} entries; list a sub-folder to see more.`);
    return lines.join('\n');
  }

  async readFile(path: string, startLine = 1, maxLines = 2_000): Promise<string> {
    const file = await this.resolve(path);
    const info = await stat(file);
    if (info.isDirectory()) throw new ToolRefusal(`"${path}" is a folder; use list_files to see what is in it.`);
    const handle = await open(file, 'r');
    try {
      // Read at most a little more than we could return, so a huge file costs no more than a small one.
      const buffer = Buffer.alloc(Math.min(info.size, this.limits.outputChars * 4 + SEARCHABLE_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const content = buffer.subarray(0, bytesRead);
      if (looksBinary(content))
        throw new ToolRefusal(`"${path}" is a binary file (${info.size} bytes); it cannot be shown as text.`);
      const lines = content.toString('utf8').split('\n');
      const first = Math.max(1, Math.floor(startLine));
      const selected = lines.slice(first - 1, first - 1 + Math.max(1, Math.floor(maxLines)));
      const numbered = selected.map((line, index) => `${first + index}\t${line}`).join('\n');
      const shownUpTo = first - 1 + selected.length;
      const more = shownUpTo < lines.length || bytesRead < info.size;
      return this.cap(
        more
          ? `${numbered}\n… the file continues after line ${shownUpTo}; read again with start_line ${shownUpTo + 1}.`
          : numbered,
      );
    } finally {
      await handle.close();
    }
  }

  async search(query: string, path = '.'): Promise<string> {
    if (query.trim().length === 0) throw new ToolRefusal('The search text is empty.');
    const start = await this.resolve(path);
    const needle = query.toLowerCase();
    const matches: string[] = [];
    let filesSeen = 0;
    let stoppedEarly = false;
    const visit = async (folder: string): Promise<void> => {
      const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (matches.length >= this.limits.searchMatches || filesSeen >= this.limits.searchFiles) {
          stoppedEarly = true;
          return;
        }
        const full = join(folder, entry.name);
        // Symlinks are not followed: a link could lead out of the workspace.
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await visit(full);
        } else if (entry.isFile()) {
          filesSeen += 1;
          await this.searchFile(full, needle, matches);
        }
      }
    };
    const info = await stat(start);
    if (info.isDirectory()) await visit(start);
    else await this.searchFile(start, needle, matches);
    if (matches.length === 0) return `No line contains "${query}".`;
    const shown = matches.slice(0, this.limits.searchMatches);
    if (stoppedEarly)
      shown.push(
        `… stopped after ${matches.length} matches in ${filesSeen} files; narrow the search with a folder or more specific text.`,
      );
    return this.cap(shown.join('\n'));
  }

  async writeFile(path: string, content: string): Promise<string> {
    if (!this.workspace.allowWrite) throw new ToolRefusal('Writing files is not allowed in this workspace.');
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > this.limits.writeBytes)
      throw new ToolRefusal(`The content is ${bytes} bytes; at most ${this.limits.writeBytes} can be written at once.`);
    const file = await this.resolve(path, { mustExist: false });
    const existing = await stat(file).catch(() => null);
    if (existing?.isDirectory()) throw new ToolRefusal(`"${path}" is a folder; give a file name.`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content, 'utf8');
    return `Wrote ${bytes} bytes to ${this.relativeName(file)}.`;
  }

  async bash(command: string, signal?: AbortSignal): Promise<string> {
    if (!this.workspace.allowBash) throw new ToolRefusal('Running commands is not allowed in this workspace.');
    const cwd = await this.resolve('.');
    const result = await runBash(command, { cwd, limits: this.limits, signal });
    return this.cap(result.summary);
  }

  private async searchFile(file: string, needle: string, matches: string[]): Promise<void> {
    const info = await stat(file);
    if (info.size > SEARCHABLE_BYTES || info.size === 0) return;
    const handle = await open(file, 'r');
    let content: Buffer;
    try {
      content = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (looksBinary(content)) return;
    const lines = content.toString('utf8').split('\n');
    for (let index = 0; index < lines.length && matches.length < this.limits.searchMatches; index += 1) {
      const line = lines[index] ?? '';
      if (line.toLowerCase().includes(needle))
        matches.push(`${this.relativeName(file)}:${index + 1}: ${line.trim().slice(0, 300)}`);
    }
  }

  private async resolve(path: string, options?: { mustExist?: boolean }): Promise<string> {
    this.realRoot ??= await realpath(this.workspace.root);
    return resolveInsideWorkspace(this.workspace.root, path, options);
  }

  /** Paths as the model should write them: relative to the workspace, with forward slashes. */
  private relativeName(full: string): string {
    const name = relative(this.realRoot ?? this.workspace.root, full);
    return name === '' ? '.' : name.split(sep).join('/');
  }

  private cap(text: string): string {
    if (text.length <= this.limits.outputChars) return text;
    return `${text.slice(0, this.limits.outputChars)}\n… output cut at ${this.limits.outputChars} characters.`;
  }
}

/** A NUL byte in the first 8 KB: the same test git uses. */
function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8_192).includes(0);
}
