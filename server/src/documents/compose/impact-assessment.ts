import type { ComponentFinding, ComponentRole, IntegrationAnalysis } from '../../runners/offline/index.js';
import { topicsOf } from './change-topics.js';
import { cell, code, findMentions, type Mention } from './workspace-mentions.js';

/** Why a change touching a component of this role matters, and how risky it is. */
const ROLE_IMPACT: Partial<Record<ComponentRole, { stage: string; risk: 'High' | 'Medium' | 'Low'; why: string }>> = {
  listener: { stage: 'Received', risk: 'Low', why: 'Receives the messages; only affected if framing or size changes.' },
  parser: {
    stage: 'Parsed',
    risk: 'Medium',
    why: 'Reads the value out of the message; a new format may split or repeat differently.',
  },
  validator: {
    stage: 'Validated',
    risk: 'High',
    why: 'Checks the value; a new format that fails the check makes messages rejected (NACKed) and stops them reaching downstream systems.',
  },
  handler: {
    stage: 'Handled',
    risk: 'Medium',
    why: 'Decides what to do with the message; may look the value up or branch on it.',
  },
  mapper: {
    stage: 'Mapped',
    risk: 'High',
    why: 'Copies the value into what downstream systems receive; they must accept the new format too.',
  },
  router: { stage: 'Routed', risk: 'Medium', why: 'Chooses destinations; affected if routing depends on the value.' },
  sender: {
    stage: 'Sent',
    risk: 'Medium',
    why: 'Delivers to downstream systems; their interfaces must accept the new value.',
  },
  acknowledgement: { stage: 'Acknowledged', risk: 'Low', why: 'Builds ACKs; may echo the value in error text.' },
  configuration: { stage: 'Configured', risk: 'Medium', why: 'Settings or routes that name the value or its system.' },
  test: { stage: 'Tested', risk: 'Low', why: 'Tests to update with examples of the new format.' },
  sample: { stage: 'Sample messages', risk: 'Low', why: 'Sample messages to add in the new format.' },
};

const STAGE_ORDER: ComponentRole[] = [
  'listener',
  'parser',
  'validator',
  'handler',
  'mapper',
  'router',
  'sender',
  'acknowledgement',
  'configuration',
  'test',
  'sample',
];

export interface ImpactInputs {
  change: string;
  area?: string | null;
}

/** Where the change's data is parsed, validated, mapped and routed, and what it reaches downstream. */
export async function composeImpactAssessment(
  root: string,
  analysis: IntegrationAnalysis,
  inputs: ImpactInputs,
): Promise<string> {
  const description = [inputs.change, inputs.area].filter(Boolean).join('. ');
  const topics = topicsOf(description);
  const patterns = topics.flatMap((topic) => topic.patterns);
  const fields = new Set(topics.flatMap((topic) => topic.fields));
  const files = [
    ...new Set([
      ...analysis.components.map((component) => component.file),
      ...analysis.messageTypes.flatMap((type) => type.files),
    ]),
  ];
  const mentions = patterns.length ? await findMentions(root, files, patterns) : [];
  const mentionsByFile = new Map<string, Mention[]>();
  for (const mention of mentions)
    mentionsByFile.set(mention.file, [...(mentionsByFile.get(mention.file) ?? []), mention]);

  const impacted = analysis.components.filter((component) => mentionsByFile.has(component.file));
  const impactedIds = new Set(impacted.map((component) => component.id));
  const mappings = analysis.transformations.flatMap((transformation) =>
    transformation.fieldMappings
      .filter((mapping) => [...fields].some((field) => mapping.from === field || mapping.from.startsWith(`${field}.`)))
      .map((mapping) => ({ transformation, mapping })),
  );
  const flows = analysis.flows.filter((flow) => flow.components.some((id) => impactedIds.has(id)));
  const endpointById = new Map(analysis.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const destinations = [...new Set(flows.flatMap((flow) => flow.destinations))]
    .map((id) => endpointById.get(id))
    .filter((endpoint) => endpoint !== undefined);
  const sources = [...new Set(flows.flatMap((flow) => flow.sources))]
    .map((id) => endpointById.get(id))
    .filter((endpoint) => endpoint !== undefined);

  const lines: string[] = [
    `# Impact assessment: ${inputs.change.split('\n')[0]?.slice(0, 120) ?? 'change'}`,
    '',
    `> Built from the code of **${analysis.title}** by the offline analyser: every finding below names the file and line it comes from. Check it with the integration team before planning the work.`,
    '',
    '## The change',
    '',
    inputs.change.trim(),
    '',
    '## Summary',
    '',
    topics.length
      ? `The change concerns: ${topics.map((topic) => `**${topic.name}**`).join(', ')}${fields.size ? ` (HL7 v2 field${fields.size > 1 ? 's' : ''} ${[...fields].join(', ')})` : ''}.`
      : 'The description does not name anything the analyser can look for; describe the data item that changes (for example "the NHS number in PID-3").',
    '',
    `- **${impacted.length}** of ${analysis.components.length} components handle it, in **${mentions.length}** places.`,
    `- **${flows.length}** message flow${flows.length === 1 ? '' : 's'} carry it: ${flows.map((flow) => flow.messageType).join(', ') || 'none found'}.`,
    `- It arrives on ${sources.map((endpoint) => endpoint.address).join(', ') || 'no endpoint found'} and reaches ${destinations.length} downstream system${destinations.length === 1 ? '' : 's'}: ${destinations.map((endpoint) => endpoint.name ?? endpoint.address).join(', ') || 'none found'}.`,
    `- Overall risk: **${overallRisk(impacted)}**.`,
    '',
  ];

  lines.push(
    '## Where it is handled',
    '',
    '| Stage | Component | Risk | Why it matters | Where |',
    '|---|---|---|---|---|',
  );
  for (const role of STAGE_ORDER) {
    for (const component of impacted.filter((candidate) => primaryRole(candidate) === role)) {
      const impact = ROLE_IMPACT[role];
      const places = linesOf(mentionsByFile.get(component.file));
      lines.push(
        `| ${impact?.stage ?? role} | ${code(component.file)} — ${cell(component.summary)} | ${impact?.risk ?? 'Low'} | ${cell(impact?.why ?? '')} | ${places} |`,
      );
    }
  }
  const otherFiles = [...mentionsByFile.keys()].filter(
    (file) => !impacted.some((component) => component.file === file),
  );
  for (const file of otherFiles)
    lines.push(`| Other | ${code(file)} | Low | Mentions it | ${linesOf(mentionsByFile.get(file))} |`);
  lines.push('');

  if (mappings.length) {
    lines.push('## How it is mapped to downstream systems', '', '| From | To | In | Produces |', '|---|---|---|---|');
    for (const { transformation, mapping } of mappings)
      lines.push(
        `| ${mapping.from} | ${code(mapping.to)} | ${code(`${transformation.file}:${mapping.line}`)} (${transformation.name}) | ${transformation.to.join(', ')} |`,
      );
    lines.push('');
  }

  if (flows.length) {
    lines.push('## Message flows affected', '', '```mermaid', 'flowchart LR');
    const componentById = new Map(analysis.components.map((component) => [component.id, component]));
    const declared = new Set<string>();
    const node = (id: string, label: string, impactedNode: boolean): string => {
      if (!declared.has(id)) {
        declared.add(id);
        lines.push(`  ${id}["${label.replace(/"/g, "'")}"]${impactedNode ? ':::impacted' : ''}`);
      }
      return id;
    };
    const edges = new Set<string>();
    for (const flow of flows) {
      const chain = [
        ...flow.sources.map((id) => node(safeId(id), endpointById.get(id)?.address ?? id, false)),
        ...flow.components
          .filter((id) => impactedIds.has(id))
          .map((id) =>
            node(
              id,
              `${componentById.get(id)?.file.split('/').pop() ?? id}<br/>${primaryRole(componentById.get(id))}`,
              true,
            ),
          ),
      ];
      for (let index = 1; index < chain.length; index += 1) edges.add(`  ${chain[index - 1]} --> ${chain[index]}`);
      const last = chain.at(-1);
      for (const id of flow.destinations) {
        const target = node(safeId(id), endpointById.get(id)?.name ?? endpointById.get(id)?.address ?? id, false);
        if (last) edges.add(`  ${last} -->|"${flow.messageType}"| ${target}`);
      }
    }
    lines.push(...edges, '  classDef impacted fill:#fff3bf,stroke:#ffb81c,stroke-width:2px;', '```', '');
    lines.push('Components outlined in yellow handle the changed data.', '');
  }

  lines.push('## Evidence', '');
  for (const [file, found] of mentionsByFile) {
    lines.push(`**${code(file)}**`, '');
    for (const mention of found) lines.push(`- line ${mention.line}: ${code(mention.excerpt)}`);
    lines.push('');
  }
  if (mentions.length === 0) lines.push('Nothing in the code mentions the changed data.', '');

  lines.push(
    '## Recommended actions',
    '',
    ...recommendations(
      impacted,
      destinations.map((endpoint) => endpoint.name ?? endpoint.address),
    ).map((text, index) => `${index + 1}. ${text}`),
    '',
    '## Effort estimate',
    '',
    `About **${effortDays(impacted, destinations.length)} working days** for the integration team: half a day per component to change and unit test, a day per downstream system to agree and test the new format end to end, and a day for regression testing of ${flows.map((flow) => flow.messageType).join(', ') || 'the affected flows'}.`,
    '',
  );
  return lines.join('\n');
}

function primaryRole(component: ComponentFinding | undefined): ComponentRole {
  if (!component) return 'other';
  return STAGE_ORDER.find((role) => component.roles.includes(role)) ?? component.roles[0] ?? 'other';
}

function overallRisk(impacted: readonly ComponentFinding[]): string {
  const risks = impacted.map((component) => ROLE_IMPACT[primaryRole(component)]?.risk ?? 'Low');
  if (risks.includes('High'))
    return 'High — validation or mapping of this data changes, so messages may be rejected or downstream systems may receive values they cannot read';
  if (risks.includes('Medium')) return 'Medium';
  return impacted.length ? 'Low' : 'None found';
}

function effortDays(impacted: readonly ComponentFinding[], downstreamSystems: number): number {
  const code = impacted.filter((component) => !['test', 'sample', 'documentation'].includes(primaryRole(component)));
  return Math.max(1, Math.ceil(code.length * 0.5 + downstreamSystems + 1));
}

function recommendations(impacted: readonly ComponentFinding[], destinations: readonly string[]): string[] {
  const roles = new Set(impacted.map(primaryRole));
  const actions: string[] = [];
  if (roles.has('validator'))
    actions.push(
      'Update the validation rules to accept the new format alongside the old one during the transition, so live messages are not rejected on the day of the switch.',
    );
  if (roles.has('parser'))
    actions.push(
      'Check the parser reads the new format (length, repetitions, components) and add unit tests with both formats.',
    );
  if (roles.has('mapper'))
    actions.push(
      'Change the mappings that copy the value downstream, and confirm the identifier system / type code each downstream system expects.',
    );
  if (destinations.length)
    actions.push(
      `Agree the change with the owners of ${destinations.join(', ')} and test end to end with each of them.`,
    );
  if (roles.has('router') || roles.has('configuration'))
    actions.push('Review routing rules and configuration that name the value.');
  actions.push('Add sample messages in the new format and run them through every affected flow before go-live.');
  actions.push('Plan the cut-over: the date senders switch, how long both formats are accepted, and how to roll back.');
  return actions;
}

function safeId(id: string): string {
  return `e_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** "line 17" or "lines 25, 26, 27" (the first six). */
function linesOf(mentions: readonly Mention[] | undefined): string {
  const numbers = (mentions ?? []).map((mention) => mention.line).slice(0, 6);
  return numbers.length === 1 ? `line ${numbers[0]}` : `lines ${numbers.join(', ')}`;
}
