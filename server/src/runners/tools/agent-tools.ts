import type { RunnerWorkspace } from '../runner.js';
import { PathNotFoundError, PathOutsideWorkspaceError } from './workspace-paths.js';
import { ToolRefusal, WorkspaceTools, type ToolLimits } from './workspace-tools.js';

export const AGENT_TOOL_NAMES = ['list_files', 'read_file', 'search', 'write_file', 'bash'] as const;
export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];

/** A tool as the model is told about it (the Messages API's `tools` entry). */
export interface AgentToolDefinition {
  name: AgentToolName;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

const DEFINITIONS: Record<AgentToolName, AgentToolDefinition> = {
  list_files: {
    name: 'list_files',
    description:
      'List the files and folders of the workspace (or of one folder in it), with sizes. Paths are relative to the workspace root.',
    input_schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Folder relative to the workspace root; "." (the default) is the root.' },
        depth: {
          type: 'integer',
          minimum: 1,
          maximum: 5,
          description: 'How many levels of sub-folders to include (default 3).',
        },
      },
    },
  },
  read_file: {
    name: 'read_file',
    description: 'Read a text file of the workspace. Lines are numbered; long files are returned in pages.',
    input_schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the workspace root.' },
        start_line: { type: 'integer', minimum: 1, description: 'First line to return (default 1).' },
        max_lines: {
          type: 'integer',
          minimum: 1,
          maximum: 2000,
          description: 'How many lines to return (default 2000).',
        },
      },
      required: ['path'],
    },
  },
  search: {
    name: 'search',
    description:
      'Find lines containing a text (case-insensitive) in the workspace files. Returns path:line: text for each match, up to a limit.',
    input_schema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'The text to look for.' },
        path: {
          type: 'string',
          description: 'Folder or file to search in, relative to the workspace root (default ".").',
        },
      },
      required: ['query'],
    },
  },
  write_file: {
    name: 'write_file',
    description:
      'Create or replace a text file in the workspace with the given content. Folders are created as needed.',
    input_schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the workspace root.' },
        content: { type: 'string', description: 'The complete new content of the file.' },
      },
      required: ['path', 'content'],
    },
  },
  bash: {
    name: 'bash',
    description:
      'Run a shell command in the workspace folder with bash. It has a time limit and its output is capped; no network credentials or secrets are available.',
    input_schema: {
      type: 'object',
      properties: { command: { type: 'string', description: 'The command line to run.' } },
      required: ['command'],
    },
  },
};

/** The tools offered for this workspace: `write_file` and `bash` only when it allows them. */
export function toolDefinitionsFor(workspace: RunnerWorkspace): AgentToolDefinition[] {
  return AGENT_TOOL_NAMES.filter((name) => isToolAllowed(workspace, name)).map((name) => DEFINITIONS[name]);
}

export function isToolAllowed(workspace: RunnerWorkspace, name: AgentToolName): boolean {
  if (name === 'write_file') return workspace.allowWrite;
  if (name === 'bash') return workspace.allowBash;
  return true;
}

export interface ToolOutcome {
  output: string;
  isError: boolean;
}

/**
 * Runs one tool call of the model. Refusals (a path outside the workspace, a tool not allowed,
 * bad input) come back as an error result the model can read and correct; anything unexpected
 * also comes back as an error result, so one bad call never ends the conversation.
 */
export async function executeTool(
  workspace: RunnerWorkspace,
  name: string,
  input: Record<string, unknown>,
  options: { limits?: ToolLimits; signal?: AbortSignal } = {},
): Promise<ToolOutcome> {
  const tools = new WorkspaceTools(workspace, options.limits);
  try {
    if (!isKnownTool(name)) return refused(`There is no tool called "${name}".`);
    if (!isToolAllowed(workspace, name)) {
      return refused(
        name === 'bash'
          ? 'Running commands is not allowed in this workspace.'
          : 'Writing files is not allowed in this workspace.',
      );
    }
    switch (name) {
      case 'list_files':
        return ok(await tools.listFiles(optionalString(input, 'path') ?? '.', optionalInteger(input, 'depth') ?? 3));
      case 'read_file':
        return ok(
          await tools.readFile(
            requiredString(input, 'path'),
            optionalInteger(input, 'start_line') ?? 1,
            optionalInteger(input, 'max_lines') ?? 2_000,
          ),
        );
      case 'search':
        return ok(await tools.search(requiredString(input, 'query'), optionalString(input, 'path') ?? '.'));
      case 'write_file':
        return ok(
          await tools.writeFile(requiredString(input, 'path'), requiredString(input, 'content', { allowEmpty: true })),
        );
      case 'bash':
        return ok(await tools.bash(requiredString(input, 'command'), options.signal));
    }
  } catch (error) {
    if (
      error instanceof ToolRefusal ||
      error instanceof PathOutsideWorkspaceError ||
      error instanceof PathNotFoundError
    )
      return refused(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    // The system's message may contain an absolute path of the server: say it plainly instead.
    return refused(`The ${name} tool failed${code ? ` (${code})` : ''}.`);
  }
}

function isKnownTool(name: string): name is AgentToolName {
  return (AGENT_TOOL_NAMES as readonly string[]).includes(name);
}

function ok(output: string): ToolOutcome {
  return { output, isError: false };
}

function refused(output: string): ToolOutcome {
  return { output, isError: true };
}

function requiredString(input: Record<string, unknown>, key: string, options: { allowEmpty?: boolean } = {}): string {
  const value = input[key];
  if (typeof value !== 'string' || (!options.allowEmpty && value.length === 0))
    throw new ToolRefusal(`The "${key}" input is required and must be text.`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolRefusal(`The "${key}" input must be text.`);
  return value;
}

function optionalInteger(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new ToolRefusal(`The "${key}" input must be a whole number of at least 1.`);
  return value;
}
