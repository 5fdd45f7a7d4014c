/** The step graph a runbook's `needs` describe: cycles, levels, depth, and which steps may run now. */
import type { RunbookDefinition } from './types.js';

export interface StepNode {
  id: string;
  needs: readonly string[];
}

/**
 * Returns one cycle as the ids along it, first id repeated at the end (`['a', 'b', 'c', 'a']`
 * reads "a needs b needs c needs a"... in the direction of `needs`), or null when there is none.
 * Needs that name unknown steps are ignored here (they are reported separately).
 */
export function findCycle(steps: readonly StepNode[]): string[] | null {
  const needsById = new Map(steps.map((step) => [step.id, step.needs]));
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];

  // Iterative depth-first search: a 200-step chain must not depend on the call stack.
  for (const root of steps) {
    if (state.has(root.id)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: root.id, next: 0 }];
    state.set(root.id, 'visiting');
    trail.push(root.id);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const needs = needsById.get(frame.id) ?? [];
      if (frame.next < needs.length) {
        const need = needs[frame.next++];
        if (!needsById.has(need)) continue;
        const seen = state.get(need);
        if (seen === 'visiting') return [...trail.slice(trail.indexOf(need)), need];
        if (seen === undefined) {
          state.set(need, 'visiting');
          trail.push(need);
          stack.push({ id: need, next: 0 });
        }
      } else {
        state.set(frame.id, 'done');
        trail.pop();
        stack.pop();
      }
    }
  }
  return null;
}

/** Formats a cycle for people: `a → b → c → a`. */
export function describeCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}

/**
 * Groups steps into levels: level 0 needs nothing, level n needs something in level n-1 (and
 * nothing later). Steps of one level can run in parallel. Order inside a level follows the file.
 * Throws when the steps contain a cycle.
 */
export function stepOrder(runbook: { steps: readonly StepNode[] }): string[][] {
  const steps = runbook.steps;
  const cycle = findCycle(steps);
  if (cycle) throw new Error(`The steps depend on each other in a circle: ${describeCycle(cycle)}.`);
  const known = new Set(steps.map((step) => step.id));
  const level = new Map<string, number>();
  const byId = new Map(steps.map((step) => [step.id, step]));

  const levelOf = (id: string): number => {
    const cached = level.get(id);
    if (cached !== undefined) return cached;
    // Resolve dependencies first without recursion (chains can be long).
    const pending = [id];
    while (pending.length > 0) {
      const current = pending[pending.length - 1];
      const needs = (byId.get(current)?.needs ?? []).filter((need) => known.has(need));
      const unresolved = needs.filter((need) => !level.has(need));
      if (unresolved.length > 0) {
        pending.push(...unresolved);
        continue;
      }
      pending.pop();
      level.set(current, needs.length === 0 ? 0 : Math.max(...needs.map((need) => level.get(need)!)) + 1);
    }
    return level.get(id)!;
  };

  const levels: string[][] = [];
  for (const step of steps) {
    const index = levelOf(step.id);
    (levels[index] ??= []).push(step.id);
  }
  return levels;
}

/** The number of levels: the longest chain of `needs`, counted in steps. */
export function dagDepth(runbook: { steps: readonly StepNode[] }): number {
  return stepOrder(runbook).length;
}

/** Every step the given step needs, directly or through others. */
export function ancestorsOf(steps: readonly StepNode[], stepId: string): Set<string> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const found = new Set<string>();
  const pending = [...(byId.get(stepId)?.needs ?? [])];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (found.has(id) || !byId.has(id)) continue;
    found.add(id);
    pending.push(...byId.get(id)!.needs);
  }
  return found;
}

/** A step's state as the engine records it (the same names as `StepState` in @trustops/contracts). */
export type StepStateName =
  'pending' | 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

const SATISFIED: ReadonlySet<string> = new Set(['succeeded', 'skipped']);
const BLOCKING: ReadonlySet<string> = new Set(['failed', 'cancelled']);

/** A step's recorded state; a step not recorded yet is pending. Own properties only. */
function stateReader(states: Readonly<Record<string, StepStateName | undefined>>): (id: string) => string {
  return (id) => (Object.prototype.hasOwnProperty.call(states, id) ? states[id] : undefined) ?? 'pending';
}

/**
 * Steps that can be started now: still pending (or not yet recorded), and every step they need
 * has succeeded or was skipped. In file order.
 */
export function readySteps(
  runbook: Pick<RunbookDefinition, 'steps'>,
  states: Readonly<Record<string, StepStateName | undefined>>,
): string[] {
  const stateOf = stateReader(states);
  return runbook.steps
    .filter((step) => stateOf(step.id) === 'pending' && step.needs.every((need) => SATISFIED.has(stateOf(need))))
    .map((step) => step.id);
}

/**
 * Pending steps that can never run because something they need (directly or indirectly) failed
 * or was cancelled. The engine marks them so that a run can finish.
 */
export function blockedSteps(
  runbook: Pick<RunbookDefinition, 'steps'>,
  states: Readonly<Record<string, StepStateName | undefined>>,
): string[] {
  const stateOf = stateReader(states);
  const blocked = new Set<string>();
  // Levels make one pass enough: a step's needs are all in earlier levels.
  for (const level of stepOrder(runbook)) {
    for (const id of level) {
      const step = runbook.steps.find((candidate) => candidate.id === id)!;
      if (stateOf(id) !== 'pending') continue;
      if (step.needs.some((need) => BLOCKING.has(stateOf(need)) || blocked.has(need))) blocked.add(id);
    }
  }
  return runbook.steps.filter((step) => blocked.has(step.id)).map((step) => step.id);
}
