import type {
  WorkspaceFileResponse,
  WorkspaceSourceKind,
  WorkspaceTreeEntry,
  WorkspaceView,
} from '@trustops/contracts';

export const WORKSPACES_URL = '/api/workspaces';
export const WORKSPACE_IMPORT_OPTIONS_URL = '/api/workspaces/import-options';
export const FILE_PAGE_LINES = 500;

export const workspaceUrl = (id: string) => `${WORKSPACES_URL}/${encodeURIComponent(id)}`;

export function workspaceTreeUrl(id: string, folder: string): string {
  return `${workspaceUrl(id)}/tree${folder ? `?path=${encodeURIComponent(folder)}` : ''}`;
}

export function workspaceFileUrl(id: string, file: string, startLine = 1, lineCount = FILE_PAGE_LINES): string {
  const query = new URLSearchParams({ path: file, startLine: String(startLine), lineCount: String(lineCount) });
  return `${workspaceUrl(id)}/file?${query.toString()}`;
}

/** A git address or a folder path? The same rule as the server's, so the dialog can say which it will be. */
export function guessSourceKind(source: string): WorkspaceSourceKind {
  const text = source.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[\w.-]+@[\w.-]+:[\w./~-]+$/.test(text) ? 'git' : 'local';
}

/** What is wrong with the source typed in the import dialog, in plain words, if anything. */
export function importSourceProblem(source: string): string | undefined {
  const text = source.trim();
  if (!text) return 'Enter a git address or a folder path.';
  if (guessSourceKind(text) === 'local' && !text.startsWith('/')) {
    return 'A folder path must be the full path on the server, starting with “/”.';
  }
  if (/^[a-z]+:\/\/[^/@\s]*:[^/@\s]*@/i.test(text)) return 'Do not put a user name or password in the address.';
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** "git · https://…" or "folder · /srv/…", and the short commit when there is one. */
export function describeSource(workspace: Pick<WorkspaceView, 'sourceKind' | 'source' | 'commit'>): string {
  const kind = workspace.sourceKind === 'git' ? 'Git repository' : 'Server folder';
  return `${kind} ${workspace.source}${workspace.commit ? ` at commit ${workspace.commit.slice(0, 8)}` : ''}`;
}

/** One folder or file of the tree as the page shows it. */
export interface TreeRow {
  entry: WorkspaceTreeEntry;
  depth: number;
  expanded: boolean;
  loading: boolean;
}

/** The tree's state: the entries of each folder loaded so far, and which folders are open. */
export interface TreeState {
  children: Record<string, WorkspaceTreeEntry[]>;
  expanded: string[];
  loading: string[];
}

export const EMPTY_TREE: TreeState = { children: {}, expanded: [], loading: [] };

export function withFolderLoaded(state: TreeState, folder: string, entries: WorkspaceTreeEntry[]): TreeState {
  return {
    children: { ...state.children, [folder]: entries },
    expanded: state.expanded,
    loading: state.loading.filter((item) => item !== folder),
  };
}

export function withFolderLoading(state: TreeState, folder: string): TreeState {
  return state.loading.includes(folder) ? state : { ...state, loading: [...state.loading, folder] };
}

/** Opens or closes a folder; says whether its entries still need loading. */
export function toggleFolder(state: TreeState, folder: string): { state: TreeState; needsLoad: boolean } {
  if (state.expanded.includes(folder)) {
    // Closing a folder closes what is open inside it, so reopening shows it tidy.
    const expanded = state.expanded.filter((item) => item !== folder && !item.startsWith(`${folder}/`));
    return { state: { ...state, expanded }, needsLoad: false };
  }
  const needsLoad = !(folder in state.children) && !state.loading.includes(folder);
  return {
    state: { ...(needsLoad ? withFolderLoading(state, folder) : state), expanded: [...state.expanded, folder] },
    needsLoad,
  };
}

/** The visible rows, depth first, as the folders are opened. */
export function visibleRows(state: TreeState, folder = '', depth = 0): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const entry of state.children[folder] ?? []) {
    const expanded = entry.kind === 'directory' && state.expanded.includes(entry.path);
    rows.push({ entry, depth, expanded, loading: state.loading.includes(entry.path) });
    if (expanded) rows.push(...visibleRows(state, entry.path, depth + 1));
  }
  return rows;
}

/** The folders above a file, to open them when the page is given a file to show. */
export function parentFolders(file: string): string[] {
  const parts = file.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** Adds a page of a file to what is shown; pages must follow on. */
export function appendPage(
  shown: WorkspaceFileResponse | undefined,
  page: WorkspaceFileResponse,
): WorkspaceFileResponse {
  if (!shown || shown.path !== page.path || page.startLine !== shown.endLine + 1) return page;
  return { ...page, startLine: shown.startLine, content: `${shown.content}\n${page.content}` };
}
