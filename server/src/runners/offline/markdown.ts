import type { IntegrationAnalysis } from './analysis.types.js';
import { plainEnglishFlows } from './plain-english.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
/** A file, or a channel's part and the export it is in. */
const componentLabel = (component: { name: string; file: string; channel?: string }) =>
  component.channel === undefined ? code(component.file) : `${component.name} (${code(component.file)})`;

/** The analysis as a document a non-developer can read: plain English first, detail after. */
export function analysisMarkdown(analysis: Omit<IntegrationAnalysis, 'markdown'>): string {
  const { messageTypes, endpoints, components, flows, segments, transformations } = analysis;
  const endpointById = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const componentById = new Map(components.map((component) => [component.id, component]));
  const inbound = endpoints.filter((endpoint) => endpoint.direction === 'inbound');
  const outbound = endpoints.filter((endpoint) => endpoint.direction !== 'inbound');
  const out: string[] = [];

  out.push(`# ${analysis.title}: integration analysis`, '');
  out.push(
    '> Produced by the offline analyser by reading the code and configuration (no AI model, no network). Check important findings with the integration team before relying on them.',
    '',
  );

  out.push('## Overview', '');
  if (messageTypes.length === 0 && endpoints.length === 0) {
    out.push(
      'No HL7 v2 messages or interface endpoints were found in these files. This may not be integration code, or it may use conventions the offline analyser does not recognise.',
      '',
    );
  } else {
    const typeList = messageTypes.map((type) => `${type.code} (${type.description.toLowerCase()})`).join(', ');
    out.push(
      `This codebase handles ${messageTypes.length} HL7 v2 message type${messageTypes.length === 1 ? '' : 's'}${typeList ? `: ${typeList}` : ''}. ` +
        `It receives messages on ${inbound.length} endpoint${inbound.length === 1 ? '' : 's'}${inbound.length > 0 ? ` (${inbound.map((endpoint) => endpoint.address).join(', ')})` : ''} ` +
        `and sends to ${outbound.length} destination${outbound.length === 1 ? '' : 's'}${outbound.length > 0 ? ` (${outbound.map((endpoint) => endpoint.name ?? endpoint.address).join(', ')})` : ''}. ` +
        `${components.length} component${components.length === 1 ? '' : 's'} take part.`,
      '',
    );
  }

  if (flows.length > 0) {
    out.push('## In plain English', '');
    for (const sentence of plainEnglishFlows(analysis)) out.push(`- ${sentence}`);
    out.push('');
    out.push('## Message flows', '', '```mermaid', analysis.diagram, '```', '');
    for (const flow of flows) {
      const type = messageTypes.find((item) => item.code === flow.messageType);
      out.push(`### ${flow.messageType}${type ? ` — ${type.description}` : ''}`, '');
      let step = 1;
      const sources = flow.sources.map((id) => endpointById.get(id)).filter((endpoint) => endpoint !== undefined);
      if (sources.length > 0)
        out.push(
          `${step++}. Arrives on ${sources.map((endpoint) => `${endpoint.address}${endpoint.name ? ` (${endpoint.name})` : ''}`).join(' or ')}.`,
        );
      for (const id of flow.components) {
        const component = componentById.get(id);
        if (component)
          out.push(`${step++}. ${componentLabel(component)} (${component.roles.join(', ')}): ${component.summary}`);
      }
      const destinations = flow.destinations
        .map((id) => endpointById.get(id))
        .filter((endpoint) => endpoint !== undefined);
      if (destinations.length > 0)
        out.push(
          `${step}. Delivered to ${destinations.map((endpoint) => `${endpoint.name ? `**${endpoint.name}** ` : ''}${endpoint.address}`).join('; ')}.`,
        );
      else out.push(`${step}. No destination for ${flow.messageType} was found in the configuration.`);
      out.push('');
    }
  }

  if (messageTypes.length > 0) {
    out.push('## Message types', '', '| Message | Meaning | Handled in | Sent to |', '|---|---|---|---|');
    for (const type of messageTypes) {
      const handledIn = analysis.handlers
        .filter(
          (handler) =>
            handler.messageTypes.includes(type.code) && (handler.role === 'handler' || handler.role === 'mapper'),
        )
        .map((handler) => `${code(handler.name)} in ${code(handler.file)}`);
      const sentTo = outbound
        .filter((endpoint) => endpoint.messageTypes.includes(type.code))
        .map((endpoint) => endpoint.name ?? endpoint.address);
      out.push(
        `| ${type.code} | ${cell(type.description)} | ${handledIn.join(', ') || '—'} | ${cell(sentTo.join(', ')) || '—'} |`,
      );
    }
    out.push('');
  }

  if (endpoints.length > 0) {
    out.push(
      '## Interfaces and endpoints',
      '',
      '| Direction | Kind | Address | Name | Messages | Where |',
      '|---|---|---|---|---|---|',
    );
    for (const endpoint of endpoints) {
      const where = endpoint.evidence[0];
      out.push(
        `| ${endpoint.direction} | ${endpoint.kind.toUpperCase()} | ${cell(endpoint.address)} | ${cell(endpoint.name ?? '—')} | ${endpoint.messageTypes.join(', ') || '—'} | ${where ? code(`${where.file}:${where.line}`) : '—'} |`,
      );
    }
    out.push('');
  }

  if (components.length > 0) {
    out.push('## Component inventory', '', '| Component | Role | Messages | What it does |', '|---|---|---|---|');
    for (const component of components) {
      out.push(
        `| ${componentLabel(component)} | ${component.roles.join(', ')} | ${component.messageTypes.join(', ') || '—'} | ${cell(component.summary)} |`,
      );
    }
    out.push('');
  }

  if (transformations.length > 0) {
    out.push('## Transformations', '');
    for (const transformation of transformations) {
      out.push(
        `### ${code(transformation.name)} — ${transformation.from} → ${transformation.to.join(', ')}`,
        '',
        `In ${code(`${transformation.file}:${transformation.line}`)}.`,
        '',
      );
      if (transformation.fieldMappings.length > 0) {
        out.push('| From | To |', '|---|---|');
        for (const mapping of transformation.fieldMappings) out.push(`| ${mapping.from} | ${code(mapping.to)} |`);
        out.push('');
      }
    }
  }

  if (segments.length > 0) {
    out.push('## Segments and fields used', '', '| Segment | Name | Fields read | In samples |', '|---|---|---|---|');
    for (const segment of segments)
      out.push(
        `| ${segment.id} | ${cell(segment.name)} | ${segment.fields.join(', ') || '—'} | ${segment.inSamples ? 'yes' : 'no'} |`,
      );
    out.push('');
  }

  const { summary } = analysis;
  out.push('## About this analysis', '');
  out.push(
    `${summary.filesAnalysed} of ${summary.filesSeen} files were read (${
      Object.entries(summary.languages)
        .map(([language, count]) => `${language} ${count}`)
        .join(', ') || 'none'
    }).`,
  );
  for (const warning of analysis.warnings) out.push(`- ${warning}`);
  out.push('');
  return out.join('\n');
}
