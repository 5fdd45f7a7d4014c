import type { ComponentRole, IntegrationAnalysis } from '../../runners/offline/index.js';
import { cell, code } from './workspace-mentions.js';

const LAYERS: Array<{ role: ComponentRole; label: string }> = [
  { role: 'listener', label: 'Receive' },
  { role: 'parser', label: 'Parse' },
  { role: 'validator', label: 'Validate' },
  { role: 'handler', label: 'Handle' },
  { role: 'mapper', label: 'Map' },
  { role: 'router', label: 'Route' },
  { role: 'sender', label: 'Send' },
];

/** Reverse engineering: architecture by layer, then the analyser's flows, inventory and mappings. */
export function composeIntegrationAnalysis(analysis: IntegrationAnalysis, focus?: string | null): string {
  return [
    `# Integration analysis: ${analysis.title}`,
    '',
    focus?.trim() ? `**Focus:** ${focus.trim()}\n` : '',
    architecture(analysis),
    bodyOf(analysis),
  ].join('\n');
}

/** Documentation for people who run or change the system: purpose, interfaces, message formats, operations. */
export function composeSystemDocumentation(
  analysis: IntegrationAnalysis,
  inputs: { system?: string | null; audience?: string | null },
): string {
  const name = inputs.system?.trim() || analysis.title;
  const inbound = analysis.endpoints.filter((endpoint) => endpoint.direction === 'inbound');
  const outbound = analysis.endpoints.filter((endpoint) => endpoint.direction === 'outbound');
  const lines = [
    `# ${name}: system documentation`,
    '',
    inputs.audience?.trim() ? `Written for: ${inputs.audience.trim()}.\n` : '',
    '## Purpose',
    '',
    `${name} receives ${analysis.messageTypes.map((type) => `${type.code} (${type.description.toLowerCase()})`).join(', ') || 'no HL7 v2 messages the analyser recognised'} and passes them on to ${outbound.map((endpoint) => endpoint.name ?? endpoint.address).join(', ') || 'no destinations found'}.`,
    '',
    '## Interfaces',
    '',
    '| Direction | Kind | Address | Messages |',
    '|---|---|---|---|',
    ...[...inbound, ...outbound].map(
      (endpoint) =>
        `| ${endpoint.direction} | ${endpoint.kind.toUpperCase()} | ${cell(endpoint.address)} | ${endpoint.messageTypes.join(', ') || '—'} |`,
    ),
    '',
    '## Message formats',
    '',
    '| Segment | Name | Fields the code reads | Where |',
    '|---|---|---|---|',
    ...analysis.segments.map(
      (segment) =>
        `| ${segment.id} | ${cell(segment.name)} | ${segment.fields.join(', ') || '—'} | ${
          segment.files
            .filter((file) => !/\.hl7$/i.test(file))
            .slice(0, 3)
            .map(code)
            .join(', ') || 'samples only'
        } |`,
    ),
    '',
    '## Operating it',
    '',
    ...analysis.components
      .filter((component) => component.roles.some((role) => ['entrypoint', 'configuration', 'listener'].includes(role)))
      .map((component) => `- ${code(component.file)}: ${component.summary}`),
    ...analysis.components
      .filter((component) => /dead[- ]?letter|never log/i.test(component.summary))
      .map((component) => `- ${code(component.file)}: ${component.summary}`),
    '',
    architecture(analysis),
    bodyOf(analysis),
  ];
  return lines.join('\n');
}

function architecture(analysis: IntegrationAnalysis): string {
  const lines = ['## Architecture at a glance', '', '```mermaid', 'flowchart LR'];
  const present = LAYERS.map((layer) => ({
    ...layer,
    components: analysis.components.filter((component) => component.roles.includes(layer.role)),
  })).filter((layer) => layer.components.length > 0);
  for (const layer of present) {
    lines.push(`  subgraph ${layer.role}["${layer.label}"]`);
    for (const component of layer.components)
      lines.push(`    ${layer.role}_${component.id}["${component.file.split('/').pop() ?? component.file}"]`);
    lines.push('  end');
  }
  for (let index = 1; index < present.length; index += 1)
    lines.push(`  ${present[index - 1]?.role} --> ${present[index]?.role}`);
  lines.push('```', '', '| Layer | Components |', '|---|---|');
  for (const layer of present)
    lines.push(
      `| ${layer.label} | ${layer.components.map((component) => `${code(component.file)} — ${cell(component.summary)}`).join('<br/>')} |`,
    );
  lines.push('');
  return lines.join('\n');
}

/** The analyser's own document without its title line (the wizard's document has its own). */
function bodyOf(analysis: IntegrationAnalysis): string {
  return analysis.markdown.replace(/^# .*\n+/, '');
}
