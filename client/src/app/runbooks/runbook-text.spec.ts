import { describeDefault, describeInputType, describeStepPlan, parseUnifiedDiff } from './runbook-text';

describe('parseUnifiedDiff', () => {
  it('should mark added and removed lines with a sign as well as a kind, and say where each change is', () => {
    const diff = [
      '--- approval-demo version 1',
      '+++ approval-demo version 2',
      '@@ -2,3 +2,3 @@',
      ' version: 1',
      '-title: Approval demo',
      '+title: Approval demonstration',
      ' description: x',
      '',
    ].join('\n');

    expect(parseUnifiedDiff(diff)).toEqual([
      { kind: 'header', text: 'Near line 2 of the newer version', marker: '' },
      { kind: 'context', text: 'version: 1', marker: '' },
      { kind: 'removed', text: 'title: Approval demo', marker: '−' },
      { kind: 'added', text: 'title: Approval demonstration', marker: '+' },
      { kind: 'context', text: 'description: x', marker: '' },
    ]);
  });

  it('should give nothing for versions that are the same', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});

describe('describeStepPlan and describeInputType', () => {
  it('should say what a step does, and who approves it', () => {
    expect(describeStepPlan({ type: 'log' })).toBe('Notes something in the run');
    expect(
      describeStepPlan({
        type: 'approval',
        approval: { policy: 'require_one', roles: ['supervisor'], onTimeout: 'fail' },
      }),
    ).toBe('Approved by supervisor');
    expect(describeStepPlan({ type: 'http.request', when: 'inputs.urgent' })).toBe('Calls another system (if…)');
  });

  it('should list the choices of a choice', () => {
    expect(
      describeInputType({
        type: 'enum',
        options: [
          { value: 'low', label: 'Low' },
          { value: 'high', label: 'High' },
        ],
      }),
    ).toBe('A choice: Low or High');
    expect(describeInputType({ type: 'date' })).toBe('A date');
    expect(describeDefault({ type: 'enum', default: 'high', options: [{ value: 'high', label: 'Now' }] })).toBe('Now');
    expect(describeDefault({ type: 'boolean', default: false })).toBe('No');
    expect(describeDefault({ type: 'string' })).toBe('');
  });
});
