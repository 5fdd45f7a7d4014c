import type { IntegrationAnalysis, MessageFlow } from '../../runners/offline/index.js';
import { cell, code } from './workspace-mentions.js';

export interface TestPlanInputs {
  feature?: string | null;
  /** Message types to cover, e.g. "ADT^A03"; empty for all. */
  messageTypes?: string | null;
}

interface TestCase {
  id: string;
  title: string;
  steps: string;
  expected: string;
}

/** Test cases per message type (happy path and edge cases) with expected outcomes, from the code's own flows. */
export function composeTestPlan(analysis: IntegrationAnalysis, inputs: TestPlanInputs): string {
  const wanted = (inputs.messageTypes ?? '').toUpperCase().match(/[A-Z]{3}[\^_][A-Z]\d{2}|[A-Z]{3}/g) ?? [];
  const flows = analysis.flows.filter(
    (flow) =>
      wanted.length === 0 ||
      wanted.some((code) => flow.messageType === code.replace('_', '^') || flow.messageType.startsWith(`${code}^`)),
  );
  const endpointById = new Map(analysis.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const roles = new Set(analysis.components.flatMap((component) => component.roles));
  const has = (pattern: RegExp): boolean =>
    analysis.components.some((component) => pattern.test(`${component.file} ${component.summary}`));
  const validatesNhsNumber = has(/nhs[- ]?number|modulus 11/i);
  const deadLetter = has(/dead[- ]?letter/i);
  const retries = has(/retr(y|ies|ying)/i);
  const framing = has(/framing|accumulates bytes/i);
  const samples = (code: string): string[] =>
    analysis.messageTypes.find((type) => type.code === code)?.files.filter((file) => /\.(hl7|er7|txt)$/i.test(file)) ??
    [];

  const lines: string[] = [
    `# Test plan: ${inputs.feature?.trim() ? inputs.feature.trim().split('\n')[0] : analysis.title}`,
    '',
    `> Derived from the code of **${analysis.title}** by the offline analyser: the flows, listeners and destinations below are the ones the code defines. Review the expected outcomes with the integration team.`,
    '',
  ];
  if (inputs.feature?.trim()) lines.push('## What is being tested', '', inputs.feature.trim(), '');
  lines.push(
    '## Scope',
    '',
    `${flows.length} message type${flows.length === 1 ? '' : 's'}: ${flows.map((flow) => `**${flow.messageType}** (${describe(analysis, flow.messageType)})`).join(', ') || 'none found'}.`,
    '',
    '## Summary',
    '',
    '| Message | Arrives on | Delivered to | Cases |',
    '|---|---|---|---|',
  );
  const plans = flows.map((flow, index) => ({ flow, cases: casesFor(flow, index + 1) }));
  for (const { flow, cases } of plans)
    lines.push(
      `| ${flow.messageType} | ${addresses(flow.sources)} | ${addresses(flow.destinations)} | ${cases.length} |`,
    );
  lines.push('');
  for (const { flow, cases } of plans) {
    lines.push(
      `## ${flow.messageType} — ${describe(analysis, flow.messageType)}`,
      '',
      '| # | Case | Steps | Expected outcome |',
      '|---|---|---|---|',
    );
    for (const testCase of cases)
      lines.push(`| ${testCase.id} | ${cell(testCase.title)} | ${cell(testCase.steps)} | ${cell(testCase.expected)} |`);
    lines.push('');
  }
  lines.push(
    '## Not covered by this plan',
    '',
    '- Performance and volume testing (messages per second at peak).',
    "- Downstream systems' own processing after they accept a message.",
    '',
    '## Entry and exit criteria',
    '',
    '- **Entry:** test environment with the listeners running and every destination reachable or stubbed.',
    '- **Exit:** every case above passed, or its failure accepted in writing by the service owner.',
    '',
  );
  return lines.join('\n');

  function addresses(ids: readonly string[]): string {
    return (
      ids
        .map((id) => endpointById.get(id))
        .map((endpoint) => cell(endpoint?.name ? `${endpoint.name} (${endpoint.address})` : (endpoint?.address ?? '?')))
        .join('; ') || '—'
    );
  }

  function casesFor(flow: MessageFlow, number: number): TestCase[] {
    const source = endpointById.get(flow.sources[0] ?? '')?.address ?? 'the listener';
    const destinations = flow.destinations.map(
      (id) => endpointById.get(id)?.name ?? endpointById.get(id)?.address ?? id,
    );
    const sample = samples(flow.messageType)[0];
    const send = sample ? `Send ${code(sample)} to ${source}` : `Send a valid ${flow.messageType} to ${source}`;
    const cases: TestCase[] = [];
    const add = (title: string, steps: string, expected: string): void => {
      cases.push({ id: `${number}.${cases.length + 1}`, title, steps, expected });
    };
    add(
      'Valid message (happy path)',
      send + '.',
      `An ACK with MSA-1 = AA comes back; the message is delivered to ${destinations.join(', ') || 'its destinations'}, once each.`,
    );
    add(
      'Missing patient identification',
      `${send} with the PID segment removed.`,
      'A negative ACK (AE or AR) naming the missing segment; nothing is delivered downstream.',
    );
    if (validatesNhsNumber) {
      add(
        'NHS number fails the modulus 11 check',
        `${send} with PID-3 holding 9434765918 (check digit wrong), type NH.`,
        'A negative ACK saying the NHS number is not valid; nothing is delivered downstream.',
      );
      add(
        'No NHS number among the identifiers',
        `${send} with PID-3 holding only a hospital number (type MR).`,
        'A negative ACK saying PID-3 has no NHS number; nothing is delivered.',
      );
    }
    add(
      'Unknown trigger event',
      `Send a ${flow.messageType.split('^')[0]}^Z99 to ${source}.`,
      'A negative ACK (AR) saying the message type is not supported; nothing is delivered.',
    );
    add(
      'Repeated message (same MSH-10)',
      `${send} twice with the same message control id.`,
      'Both are acknowledged; downstream systems are not given a duplicate record (or the duplicate is documented as accepted).',
    );
    add(
      'Special characters',
      `${send} with escape sequences (\\F\\, \\S\\, \\T\\) and an apostrophe in the patient's name.`,
      "The name arrives downstream with the characters restored (O'Brien), not the escape codes.",
    );
    if (framing)
      add(
        'Message split across network packets',
        `${send} in two TCP writes with a pause between them.`,
        'One ACK for the whole message; it is processed once.',
      );
    if (retries || deadLetter)
      add(
        'Destination unavailable',
        `Make ${destinations[0] ?? 'a destination'} answer 503, then ${send.charAt(0).toLowerCase()}${send.slice(1)}.`,
        `${retries ? 'The delivery is retried with backoff' : 'The delivery fails'}${deadLetter ? '; after the last retry the message is kept in the dead-letter folder for replay' : ''}, and no patient data is written to the logs.`,
      );
    if (roles.has('mapper'))
      add(
        'Field mapping checked',
        `${send}; read what ${destinations[0] ?? 'the destination'} receives.`,
        'Each mapped field (identifiers, names, dates, codes) holds the value from the message, with dates in ISO 8601.',
      );
    return cases;
  }
}

function describe(analysis: IntegrationAnalysis, code: string): string {
  return analysis.messageTypes.find((type) => type.code === code)?.description ?? code;
}
