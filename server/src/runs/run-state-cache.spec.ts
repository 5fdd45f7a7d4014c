import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { Run } from './run.entity.js';
import { RunStateCache } from './run-state-cache.js';
import { StepRun } from './step-run.entity.js';

function runWithSteps(id: string, tenantId = 'tenant-a'): { run: Run; steps: StepRun[] } {
  const run = Object.assign(new Run(), { id, tenantId, state: 'running', version: 3, inputs: { ward: '7' } });
  const steps = ['first', 'second'].map((stepId) =>
    Object.assign(new StepRun(), { id: `${id}-${stepId}`, tenantId, runId: id, stepId, state: 'queued' }),
  );
  return { run, steps };
}

describe(RunStateCache.name, () => {
  afterEach(() => mock.timers.reset());

  it('should answer copies of what it was given, as it was given, so that changing either leaves the other alone', () => {
    const cache = new RunStateCache();
    const { run, steps } = runWithSteps('r1');
    cache.remember(run, steps);
    run.state = 'failed';
    steps[0].state = 'failed';

    const known = cache.known([{ tenantId: 'tenant-a', runId: 'r1' }])?.get('r1');
    assert.ok(known);
    assert.ok(known.run instanceof Run && known.steps[0] instanceof StepRun);
    assert.equal(known.run.state, 'running');
    assert.equal(known.run.version, 3);
    assert.deepEqual(
      known.steps.map((step) => step.state),
      ['queued', 'queued'],
    );
    known.steps[1].state = 'running';
    assert.equal(cache.known([{ tenantId: 'tenant-a', runId: 'r1' }])?.get('r1')?.steps[1].state, 'queued');
  });

  it('should know a set of runs only when it knows every one of them, in their own tenant', () => {
    const cache = new RunStateCache();
    cache.remember(runWithSteps('r1').run, runWithSteps('r1').steps);
    cache.remember(runWithSteps('r2').run, runWithSteps('r2').steps);
    const both = cache.known([
      { tenantId: 'tenant-a', runId: 'r1' },
      { tenantId: 'tenant-a', runId: 'r2' },
      { tenantId: 'tenant-a', runId: 'r1' },
    ]);
    assert.deepEqual([...(both?.keys() ?? [])], ['r1', 'r2']);
    assert.equal(cache.known([{ tenantId: 'tenant-a', runId: 'r3' }]), undefined);
    assert.equal(cache.known([{ tenantId: 'tenant-b', runId: 'r1' }]), undefined);
    assert.equal(cache.recent({ tenantId: 'tenant-b', runId: 'r1' }, 1000), undefined);
    cache.forget('r2');
    assert.equal(cache.known([{ tenantId: 'tenant-a', runId: 'r2' }]), undefined);
  });

  it('should keep the newer version when two commits of one run finish out of order', () => {
    const cache = new RunStateCache();
    const newer = runWithSteps('r1');
    newer.run.version = 5;
    newer.run.state = 'succeeded';
    const older = runWithSteps('r1');
    older.run.version = 4;
    cache.remember(newer.run, newer.steps);
    cache.remember(older.run, older.steps);
    assert.equal(cache.known([{ tenantId: 'tenant-a', runId: 'r1' }])?.get('r1')?.run.state, 'succeeded');
    const same = runWithSteps('r1');
    same.run.version = 5;
    same.run.state = 'cancelled';
    cache.remember(same.run, same.steps);
    assert.equal(
      cache.known([{ tenantId: 'tenant-a', runId: 'r1' }])?.get('r1')?.run.state,
      'cancelled',
      'read again under lock at the same version',
    );
  });

  it('should answer `recent` only within the age asked for', () => {
    mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const cache = new RunStateCache();
    const { run, steps } = runWithSteps('r1');
    cache.remember(run, steps);
    mock.timers.tick(2000);
    assert.equal(cache.recent({ tenantId: 'tenant-a', runId: 'r1' }, 2000)?.run.id, 'r1');
    mock.timers.tick(1);
    assert.equal(cache.recent({ tenantId: 'tenant-a', runId: 'r1' }, 2000), undefined);
    assert.ok(cache.known([{ tenantId: 'tenant-a', runId: 'r1' }]), 'a commit checks the version, whatever the age');
  });

  it('should forget the run written least recently when it holds too many', () => {
    const cache = new RunStateCache();
    for (let index = 0; index <= 1000; index++) {
      const { run, steps } = runWithSteps(`r${index}`);
      cache.remember(run, steps.slice(0, 1));
      // Writing r0 again keeps it: r1 is then the least recent.
      if (index === 1) cache.remember(runWithSteps('r0').run, []);
    }
    assert.ok(cache.known([{ tenantId: 'tenant-a', runId: 'r0' }]));
    assert.equal(cache.known([{ tenantId: 'tenant-a', runId: 'r1' }]), undefined);
    assert.ok(cache.known([{ tenantId: 'tenant-a', runId: 'r1000' }]));
  });
});
