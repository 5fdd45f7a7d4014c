/** One line of an edit script: kept, removed from the old text, or added by the new one. */
interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
  oldNumber: number;
  newNumber: number;
}

const CONTEXT_LINES = 3;

/**
 * A unified diff (as `diff -u` prints it) between two texts, line by line, from their longest
 * common subsequence. Runbooks are a few hundred lines at most, so the quadratic table is fine.
 * Returns an empty string when the texts are the same.
 */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string): string {
  const script = editScript(splitLines(oldText), splitLines(newText));
  const hunks = groupHunks(script);
  if (hunks.length === 0) return '';
  const out = [`--- ${oldLabel}`, `+++ ${newLabel}`];
  for (const hunk of hunks) {
    const oldLines = hunk.filter((line) => line.kind !== '+');
    const newLines = hunk.filter((line) => line.kind !== '-');
    // An empty side is numbered by the line before it, as `diff -u` does.
    const oldStart = oldLines[0]?.oldNumber ?? hunk[0]?.oldNumber ?? 0;
    const newStart = newLines[0]?.newNumber ?? hunk[0]?.newNumber ?? 0;
    out.push(`@@ -${range(oldStart, oldLines.length)} +${range(newStart, newLines.length)} @@`);
    for (const line of hunk) out.push(`${line.kind}${line.text}`);
  }
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function editScript(oldLines: string[], newLines: string[]): DiffLine[] {
  const rows = oldLines.length;
  const columns = newLines.length;
  // common[i][j]: length of the longest common subsequence of oldLines[i..] and newLines[j..].
  const common = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      common[i][j] =
        oldLines[i] === newLines[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const script: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && oldLines[i] === newLines[j]) {
      script.push({ kind: ' ', text: oldLines[i], oldNumber: i + 1, newNumber: j + 1 });
      i++;
      j++;
    } else if (j < columns && (i === rows || common[i][j + 1] > common[i + 1][j])) {
      // Removals before additions, as diff -u prints a changed line.
      script.push({ kind: '+', text: newLines[j], oldNumber: i, newNumber: j + 1 });
      j++;
    } else {
      script.push({ kind: '-', text: oldLines[i], oldNumber: i + 1, newNumber: j });
      i++;
    }
  }
  return script;
}

/** Changes with up to three lines of context around them; changes closer than that share a hunk. */
function groupHunks(script: DiffLine[]): DiffLine[][] {
  const changed = script.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));
  const hunks: DiffLine[][] = [];
  let start = -1;
  let end = -1;
  for (const index of changed) {
    if (start >= 0 && index - CONTEXT_LINES <= end + CONTEXT_LINES) {
      end = index;
      continue;
    }
    if (start >= 0) hunks.push(script.slice(Math.max(0, start - CONTEXT_LINES), end + CONTEXT_LINES + 1));
    start = index;
    end = index;
  }
  if (start >= 0) hunks.push(script.slice(Math.max(0, start - CONTEXT_LINES), end + CONTEXT_LINES + 1));
  return hunks;
}
