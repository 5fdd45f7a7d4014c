import { Injectable } from '@nestjs/common';
import { Run } from './run.entity.js';
import type { RunKey, RunSnapshot } from './run-snapshots.js';
import { StepRun } from './step-run.entity.js';

/**
 * How many runs this process remembers; the least recently written are forgotten first. Runs
 * in progress at once in one worker, with room: an entry holds the run's definition and inputs.
 */
const CAPACITY = 1000;

/** A run and its steps as this process last committed them, with the run's version then. */
interface KnownRun {
  snapshot: RunSnapshot;
  committedAt: number;
}

/**
 * What this process knows of the runs it wrote last, as of its own commits: the run and all its
 * steps, at the run's `version` (which every transaction that changes a run or its steps bumps).
 * With it, the engine skips reading a run before each step (`recent`: no older than a step's
 * heartbeat) and writes a step's result in one round trip, with `lock_runs_at_versions` checking
 * that nobody else changed the run meanwhile (`known`, whatever its age); when somebody did, the
 * write fails before changing anything and the run is read again under its lock.
 *
 * Every answer is a copy, and so is what is remembered: transactions change their entities in
 * place. Nested values (definition, inputs, outputs) are shared: they are replaced, never changed.
 */
@Injectable()
export class RunStateCache {
  private readonly runs = new Map<string, KnownRun>();

  /**
   * After a commit: the run and all its steps as committed (`run.version` is the new version).
   * Two commits of one run can finish in either order here: an older version never replaces a
   * newer one.
   */
  remember(run: Run, steps: readonly StepRun[]): void {
    const known = this.runs.get(run.id);
    if (known && known.snapshot.run.version > run.version) return;
    this.runs.delete(run.id);
    this.runs.set(run.id, { snapshot: copySnapshot(run, steps), committedAt: Date.now() });
    if (this.runs.size > CAPACITY) this.runs.delete(this.runs.keys().next().value as string);
  }

  /** After a commit that changed a run this process did not hold whole: what it knew is out of date. */
  forget(runId: string): void {
    this.runs.delete(runId);
  }

  /** The run as of this process's last commit of it, if that was no more than `maxAgeMs` ago. */
  recent(key: RunKey, maxAgeMs: number): RunSnapshot | undefined {
    const known = this.runs.get(key.runId);
    if (!known || known.snapshot.run.tenantId !== key.tenantId || Date.now() - known.committedAt > maxAgeMs)
      return undefined;
    return copySnapshot(known.snapshot.run, known.snapshot.steps);
  }

  /** Every one of the runs as of this process's last commit of it, or undefined if any is not known. */
  known(keys: readonly RunKey[]): Map<string, RunSnapshot> | undefined {
    const snapshots = new Map<string, RunSnapshot>();
    for (const key of keys) {
      if (snapshots.has(key.runId)) continue;
      const known = this.runs.get(key.runId);
      if (!known || known.snapshot.run.tenantId !== key.tenantId) return undefined;
      snapshots.set(key.runId, copySnapshot(known.snapshot.run, known.snapshot.steps));
    }
    return snapshots;
  }
}

/** A run and its steps as copies, which may change without changing these. */
export function copySnapshot(run: Run, steps: readonly StepRun[]): RunSnapshot {
  return { run: copy(Run, run), steps: steps.map((step) => copy(StepRun, step)) };
}

/**
 * A shallow copy of an entity. Through its constructor, whose field initialisers lay out every
 * column in one order: about 20 times faster than assigning onto `Object.create(prototype)`,
 * which leaves V8 a dictionary-mode object.
 */
function copy<T extends object>(type: new () => T, entity: T): T {
  return Object.assign(new type(), entity);
}
