import type { WorkspaceFileResponse, WorkspaceTreeEntry } from '@trustops/contracts';
import { describe, expect, it } from 'vitest';
import {
  appendPage,
  describeSource,
  EMPTY_TREE,
  formatBytes,
  guessSourceKind,
  importSourceProblem,
  parentFolders,
  toggleFolder,
  visibleRows,
  withFolderLoaded,
  workspaceFileUrl,
  workspaceTreeUrl,
} from './workspaces-api';

const folder = (path: string): WorkspaceTreeEntry => ({
  name: path.split('/').pop() ?? path,
  path,
  kind: 'directory',
  size: 0,
});
const file = (path: string): WorkspaceTreeEntry => ({
  name: path.split('/').pop() ?? path,
  path,
  kind: 'file',
  size: 10,
});

describe('workspace sources', () => {
  it('should tell git addresses from folder paths', () => {
    expect(guessSourceKind('https://git.example.nhs.uk/tie.git')).toBe('git');
    expect(guessSourceKind('file:///srv/repos/tie')).toBe('git');
    expect(guessSourceKind('git@github.com:trust/tie.git')).toBe('git');
    expect(guessSourceKind('/srv/integrations/tie')).toBe('local');
  });

  it('should explain what is wrong with a source before it is sent', () => {
    expect(importSourceProblem('  ')).toBe('Enter a git address or a folder path.');
    expect(importSourceProblem('fixtures/tie')).toMatch(/full path on the server/);
    expect(importSourceProblem('https://me:secret@git.example.nhs.uk/tie.git')).toMatch(/user name or password/);
    expect(importSourceProblem('/work/fixtures/tie')).toBeUndefined();
  });

  it('should describe a source with its short commit', () => {
    expect(
      describeSource({
        sourceKind: 'git',
        source: 'https://x/tie',
        commit: '0123456789abcdef0123456789abcdef01234567',
      }),
    ).toBe('Git repository https://x/tie at commit 01234567');
    expect(describeSource({ sourceKind: 'local', source: '/srv/tie', commit: null })).toBe('Server folder /srv/tie');
  });

  it('should format sizes for people', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('should encode paths into the API addresses', () => {
    expect(workspaceTreeUrl('w1', '')).toBe('/api/workspaces/w1/tree');
    expect(workspaceTreeUrl('w1', 'src/a b')).toBe('/api/workspaces/w1/tree?path=src%2Fa%20b');
    expect(workspaceFileUrl('w1', 'src/x.js', 501)).toBe(
      '/api/workspaces/w1/file?path=src%2Fx.js&startLine=501&lineCount=500',
    );
  });
});

describe('the file tree', () => {
  const root = withFolderLoaded(EMPTY_TREE, '', [folder('src'), file('README.md')]);

  it('should show the top folder, then a folder once it is opened and loaded', () => {
    expect(visibleRows(root).map((row) => row.entry.path)).toEqual(['src', 'README.md']);
    const opened = toggleFolder(root, 'src');
    expect(opened.needsLoad).toBe(true);
    expect(visibleRows(opened.state)[0]).toMatchObject({ expanded: true, loading: true });
    const loaded = withFolderLoaded(opened.state, 'src', [folder('src/mllp'), file('src/index.js')]);
    expect(visibleRows(loaded).map((row) => [row.entry.path, row.depth])).toEqual([
      ['src', 0],
      ['src/mllp', 1],
      ['src/index.js', 1],
      ['README.md', 0],
    ]);
  });

  it('should not load a folder twice, and close what is inside a closed folder', () => {
    let state = withFolderLoaded(toggleFolder(root, 'src').state, 'src', [folder('src/mllp')]);
    state = withFolderLoaded(toggleFolder(state, 'src/mllp').state, 'src/mllp', [file('src/mllp/framing.js')]);
    const closed = toggleFolder(state, 'src');
    expect(closed.state.expanded).toEqual([]);
    const reopened = toggleFolder(closed.state, 'src');
    expect(reopened.needsLoad).toBe(false);
    expect(visibleRows(reopened.state).map((row) => row.entry.path)).toEqual(['src', 'src/mllp', 'README.md']);
  });

  it('should list the folders above a file', () => {
    expect(parentFolders('src/mllp/framing.js')).toEqual(['src', 'src/mllp']);
    expect(parentFolders('README.md')).toEqual([]);
  });
});

describe('paged files', () => {
  const page = (startLine: number, endLine: number, content: string): WorkspaceFileResponse => ({
    path: 'big.txt',
    size: 1,
    binary: false,
    language: null,
    startLine,
    endLine,
    totalLines: 3,
    content,
    hasMore: endLine < 3,
  });

  it('should join a following page onto what is shown', () => {
    const joined = appendPage(page(1, 2, 'a\nb'), page(3, 3, 'c'));
    expect(joined).toMatchObject({ startLine: 1, endLine: 3, content: 'a\nb\nc', hasMore: false });
  });

  it('should replace what is shown when the page does not follow on', () => {
    expect(appendPage(page(1, 2, 'a\nb'), page(1, 1, 'a')).content).toBe('a');
  });
});
