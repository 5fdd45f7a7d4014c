import { layoutStepGraph, STEP_GRAPH_SIZES, wrapTitle } from './step-graph-layout';

const { nodeWidth, nodeHeight, columnGap, rowGap, padding } = STEP_GRAPH_SIZES;

describe('layoutStepGraph', () => {
  it('should put each level of the runbook in its own column, left to right', () => {
    const layout = layoutStepGraph(
      [
        { stepId: 'note', needs: [] },
        { stepId: 'approve', needs: ['note'] },
        { stepId: 'carry-out', needs: ['approve'] },
      ],
      [['note'], ['approve'], ['carry-out']],
    );

    expect(layout.nodes.map((node) => [node.id, node.layer, node.x, node.y])).toEqual([
      ['note', 0, padding, padding],
      ['approve', 1, padding + nodeWidth + columnGap, padding],
      ['carry-out', 2, padding + 2 * (nodeWidth + columnGap), padding],
    ]);
    expect(layout.width).toBe(3 * nodeWidth + 2 * columnGap + 2 * padding);
    expect(layout.height).toBe(nodeHeight + 2 * padding);
    expect(layout.edges.map((edge) => `${edge.from}>${edge.to}`)).toEqual(['note>approve', 'approve>carry-out']);
  });

  it('should draw each arrow from the right of the needed step to the left of the step that needs it', () => {
    const layout = layoutStepGraph(
      [
        { stepId: 'a', needs: [] },
        { stepId: 'b', needs: ['a'] },
      ],
      [['a'], ['b']],
    );
    const y = padding + nodeHeight / 2;
    const x1 = padding + nodeWidth;
    const x2 = padding + nodeWidth + columnGap - 3;
    expect(layout.edges[0]?.path).toBe(
      `M ${x1} ${y} C ${x1 + columnGap / 2} ${y}, ${x2 - columnGap / 2} ${y}, ${x2} ${y}`,
    );
  });

  it('should centre shorter columns and keep parallel branches beside the steps they follow', () => {
    // Two branches: top (a → c) and bottom (b → d); stepOrder lists level 1 as [d, c].
    const layout = layoutStepGraph(
      [
        { stepId: 'a', needs: [] },
        { stepId: 'b', needs: [] },
        { stepId: 'd', needs: ['b'] },
        { stepId: 'c', needs: ['a'] },
        { stepId: 'join', needs: ['c', 'd'] },
      ],
      [['a', 'b'], ['d', 'c'], ['join']],
    );
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    expect(byId.get('c')?.y).toBe(byId.get('a')?.y);
    expect(byId.get('d')?.y).toBe(byId.get('b')?.y);
    expect(byId.get('join')?.y).toBe(padding + (nodeHeight + rowGap) / 2);
    expect(layout.nodes.map((node) => node.id)).toEqual(['a', 'b', 'c', 'd', 'join']);
    expect(layout.nodes.map((node) => node.order)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.height).toBe(2 * nodeHeight + rowGap + 2 * padding);
  });

  it('should ignore ids it was not given steps for, and draw nothing for no steps', () => {
    expect(layoutStepGraph([{ stepId: 'a', needs: ['gone'] }], [['gone', 'a']]).edges).toEqual([]);
    expect(layoutStepGraph([], [])).toEqual({ width: 2 * padding, height: 2 * padding, nodes: [], edges: [] });
  });
});

describe('layoutStepGraph top to bottom', () => {
  it('should put each level in its own row and draw arrows from the bottom of one box to the top of the next', () => {
    const { levelGapDown, siblingGapDown } = STEP_GRAPH_SIZES;
    const layout = layoutStepGraph(
      [
        { stepId: 'a', needs: [] },
        { stepId: 'b', needs: ['a'] },
        { stepId: 'c', needs: ['a'] },
      ],
      [['a'], ['b', 'c']],
      'down',
    );

    expect(layout.nodes.map((node) => [node.id, node.x, node.y])).toEqual([
      ['a', padding + (nodeWidth + siblingGapDown) / 2, padding],
      ['b', padding, padding + nodeHeight + levelGapDown],
      ['c', padding + nodeWidth + siblingGapDown, padding + nodeHeight + levelGapDown],
    ]);
    expect(layout.width).toBe(2 * nodeWidth + siblingGapDown + 2 * padding);
    expect(layout.height).toBe(2 * nodeHeight + levelGapDown + 2 * padding);
    const x = padding + nodeWidth / 2;
    expect(layout.edges[0]?.path).toBe(
      `M ${x + (nodeWidth + siblingGapDown) / 2} ${padding + nodeHeight} C ${x + (nodeWidth + siblingGapDown) / 2} ${padding + nodeHeight + levelGapDown / 2}, ${x} ${padding + nodeHeight + levelGapDown - 3 - levelGapDown / 2}, ${x} ${padding + nodeHeight + levelGapDown - 3}`,
    );
  });
});

describe('wrapTitle', () => {
  it('should break long titles into two lines and end a longer one with an ellipsis', () => {
    expect(wrapTitle('Check the feed')).toEqual(['Check the feed']);
    expect(wrapTitle('Approve restarting the integration engine')).toEqual([
      'Approve restarting the',
      'integration engine',
    ]);
    expect(wrapTitle('Approve restarting the integration engine on the ward server')).toEqual([
      'Approve restarting the',
      'integration engine on…',
    ]);
    expect(wrapTitle('Supercalifragilisticexpialidocious')).toEqual(['Supercalifragilisticex', 'pialidocious']);
  });
});
