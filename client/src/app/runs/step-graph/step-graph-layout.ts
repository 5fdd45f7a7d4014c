/** The sizes of the step diagram, in SVG user units (pixels at 100 %). */
export const STEP_GRAPH_SIZES = {
  nodeWidth: 220,
  nodeHeight: 76,
  columnGap: 56,
  rowGap: 20,
  /** Top to bottom (narrow screens): the gap between levels, and between steps side by side. */
  levelGapDown: 40,
  siblingGapDown: 16,
  padding: 12,
} as const;

/** `right`: levels are columns, first on the left; `down`: levels are rows, first at the top. */
export type GraphDirection = 'right' | 'down';

export interface GraphStep {
  stepId: string;
  needs: readonly string[];
}

export interface GraphNode {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  /** Column: 0 for steps that need nothing. */
  layer: number;
  /** Reading order (column by column, top to bottom), from 0; keyboard focus follows it. */
  order: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** SVG path data from the right edge of `from` to the left edge of `to`. */
  path: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Lays a run's steps out left to right (or top to bottom): one column (row) per level of `layers`
 * (the runbook's topological levels, from `stepOrder`), each centred, and each step placed near
 * the steps it needs (ordered by the mean position of its needs) so that arrows cross as little
 * as a single pass allows. Arrows go from each needed step to the step that needs it.
 */
export function layoutStepGraph(
  steps: readonly GraphStep[],
  layers: readonly (readonly string[])[],
  direction: GraphDirection = 'right',
): GraphLayout {
  const { nodeWidth, nodeHeight, padding } = STEP_GRAPH_SIZES;
  const right = direction === 'right';
  // Sizes along the levels' axis and across it.
  const along = right ? nodeWidth : nodeHeight;
  const across = right ? nodeHeight : nodeWidth;
  const gapAlong = right ? STEP_GRAPH_SIZES.columnGap : STEP_GRAPH_SIZES.levelGapDown;
  const gapAcross = right ? STEP_GRAPH_SIZES.rowGap : STEP_GRAPH_SIZES.siblingGapDown;
  const known = new Map(steps.map((step) => [step.stepId, step]));
  const rowOf = new Map<string, number>();
  const ordered: string[][] = [];

  for (const layer of layers) {
    const ids = layer.filter((id) => known.has(id));
    if (ids.length === 0) continue;
    const weight = (id: string): number => {
      const rows = (known.get(id)?.needs ?? []).map((need) => rowOf.get(need)).filter((row) => row !== undefined);
      return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((sum, row) => sum + row, 0) / rows.length;
    };
    // A stable sort: steps with no placed needs keep the order `stepOrder` gave them.
    const sorted = ids
      .map((id, index) => ({ id, index, weight: weight(id) }))
      .sort((a, b) => (a.weight === b.weight ? a.index - b.index : a.weight < b.weight ? -1 : 1))
      .map((item) => item.id);
    sorted.forEach((id, row) => rowOf.set(id, row));
    ordered.push(sorted);
  }

  const widest = Math.max(0, ...ordered.map((level) => level.length));
  const levelSpan = (count: number): number => count * across + Math.max(0, count - 1) * gapAcross;
  const acrossSize = levelSpan(widest) + 2 * padding;
  const alongSize = ordered.length * along + Math.max(0, ordered.length - 1) * gapAlong + 2 * padding;

  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  ordered.forEach((level, layer) => {
    const start = padding + (levelSpan(widest) - levelSpan(level.length)) / 2;
    level.forEach((id, row) => {
      const a = padding + layer * (along + gapAlong);
      const c = start + row * (across + gapAcross);
      const node: GraphNode = { id, x: right ? a : c, y: right ? c : a, layer, order: nodes.length };
      nodes.push(node);
      byId.set(id, node);
    });
  });

  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    for (const need of known.get(node.id)?.needs ?? []) {
      const from = byId.get(need);
      if (from) {
        edges.push({ from: need, to: node.id, path: edgePath(from, node, direction) });
      }
    }
  }
  return { width: right ? alongSize : acrossSize, height: right ? acrossSize : alongSize, nodes, edges };
}

function edgePath(from: GraphNode, to: GraphNode, direction: GraphDirection): string {
  const { nodeWidth, nodeHeight } = STEP_GRAPH_SIZES;
  // Each arrow stops short of its box so that the arrowhead sits against it rather than under it.
  if (direction === 'down') {
    const x1 = from.x + nodeWidth / 2;
    const y1 = from.y + nodeHeight;
    const x2 = to.x + nodeWidth / 2;
    const y2 = to.y - 3;
    const bend = STEP_GRAPH_SIZES.levelGapDown / 2;
    return `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
  }
  const x1 = from.x + nodeWidth;
  const y1 = from.y + nodeHeight / 2;
  const x2 = to.x - 3;
  const y2 = to.y + nodeHeight / 2;
  const bend = STEP_GRAPH_SIZES.columnGap / 2;
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

/**
 * A step title broken into at most `maxLines` lines of about `maxChars` characters (SVG text does
 * not wrap by itself), the last one ending in "…" when the title is longer; the full title stays
 * in the node's accessible name and tooltip.
 */
export function wrapTitle(title: string, maxChars = 22, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = '';
  const words = title.trim().split(/\s+/).filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= maxChars) {
      current = candidate;
      continue;
    }
    if (current) {
      lines.push(current);
      current = word;
    } else {
      lines.push(word.slice(0, maxChars));
      current = word.slice(maxChars);
    }
    if (lines.length === maxLines) {
      const last = lines[maxLines - 1] ?? '';
      lines[maxLines - 1] = `${last.slice(0, maxChars - 1).trimEnd()}…`;
      return lines;
    }
  }
  if (current) {
    lines.push(current.length > maxChars ? `${current.slice(0, maxChars - 1)}…` : current);
  }
  return lines;
}
