/** Workspaces: imported integration codebases that people browse and agents analyse (server/src/workspaces). */
import type { ActorSummary } from './runs.js';

/** `git`: cloned from a URL (https, or file:// on the server); `local`: copied from a folder on the server. */
export type WorkspaceSourceKind = 'git' | 'local';

export interface WorkspaceView {
  id: string;
  name: string;
  sourceKind: WorkspaceSourceKind;
  /** The normalised source: a git URL without credentials, or the real path of the folder. */
  source: string;
  /** The git commit of the checkout (for a local copy, the commit of the repository it sits in), if any. */
  commit: string | null;
  fileCount: number;
  sizeBytes: number;
  /** Agents may change files (`write_file`). Off unless someone turns it on. */
  allowWrite: boolean;
  /** Agents may run commands (`bash`). Off unless someone turns it on. */
  allowBash: boolean;
  createdBy: ActorSummary;
  createdAt: string;
  /** When the files were last imported or refreshed. */
  refreshedAt: string;
}

export interface WorkspaceListResponse {
  items: WorkspaceView[];
}

/** `POST /api/workspaces`: 201 with a new workspace, 200 with the existing one for the same source. */
export interface ImportWorkspaceRequest {
  /** A git URL (`https://…`, `file:///…`) or a folder path on the server. */
  source: string;
  /** Guessed from `source` when omitted: a URL is git, a path is local. */
  kind?: WorkspaceSourceKind;
  name?: string;
}

/** `PATCH /api/workspaces/:id`. */
export interface UpdateWorkspaceRequest {
  name?: string;
  allowWrite?: boolean;
  allowBash?: boolean;
}

/** `GET /api/workspaces/import-options`: what the import dialog may offer. */
export interface WorkspaceImportOptions {
  /** Folders on the server that local imports (and file:// git URLs) must be inside. */
  allowedRoots: string[];
  /** URL schemes git imports may use, e.g. `https`, `file`. */
  gitSchemes: string[];
  maxFiles: number;
  maxBytes: number;
  /** Codebases found in the allowed folders (a README and some code), offered with one click. */
  suggestions: Array<{ name: string; path: string }>;
}

export interface WorkspaceTreeEntry {
  name: string;
  /** Relative to the workspace root, with `/`. */
  path: string;
  kind: 'file' | 'directory';
  size: number;
}

/** `GET /api/workspaces/:id/tree?path=`: one folder's entries, folders first. */
export interface WorkspaceTreeResponse {
  path: string;
  entries: WorkspaceTreeEntry[];
}

/** `GET /api/workspaces/:id/file?path=&startLine=&lineCount=`: a page of a text file. */
export interface WorkspaceFileResponse {
  path: string;
  size: number;
  /** Binary files have no content. */
  binary: boolean;
  /** highlight.js language name, when known (`javascript`, `python`, `json`, ...). */
  language: string | null;
  /** 1-based first line of `content`. */
  startLine: number;
  /** Last line of `content` (startLine - 1 when empty). */
  endLine: number;
  totalLines: number;
  content: string;
  /** More lines after `endLine`. */
  hasMore: boolean;
}
