import type { IntegrationAnalysis } from '../../runners/offline/index.js';
import { cell } from './workspace-mentions.js';

export interface GapInputs {
  /** One requirement per line. */
  requirements: string;
  standard?: string | null;
}

/** Something the integration can do today, with where that was seen. */
interface Capability {
  text: string;
  evidence: string;
  codes: string[];
}

type Status = 'Met' | 'Partly met' | 'Gap';

const IGNORED = new Set([
  'should',
  'must',
  'shall',
  'messages',
  'message',
  'support',
  'supports',
  'system',
  'systems',
  'integration',
  'able',
  'with',
  'from',
  'into',
  'that',
  'this',
  'have',
  'when',
  'every',
  'each',
  'their',
  'which',
  'will',
]);

/** Each required capability checked against what the code does today: met, partly met, or a gap. */
export function composeGapAnalysis(analysis: IntegrationAnalysis, inputs: GapInputs): string {
  const capabilities = capabilitiesOf(analysis);
  const requirements = inputs.requirements
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*([-*•]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
  const assessed = requirements.map((requirement) => ({ requirement, ...assess(requirement, capabilities) }));
  const count = (status: Status): number => assessed.filter((item) => item.status === status).length;

  const lines: string[] = [
    `# Gap analysis: ${analysis.title}${inputs.standard?.trim() ? ` against ${inputs.standard.trim()}` : ''}`,
    '',
    `> The current capabilities come from the code of **${analysis.title}** (offline analyser); each requirement is matched to them by its message types, segments and words. A "Met" is a lead to confirm, not a sign-off.`,
    '',
    '## Summary',
    '',
    `${requirements.length} requirement${requirements.length === 1 ? '' : 's'}: **${count('Met')} met**, **${count('Partly met')} partly met**, **${count('Gap')} gaps**.`,
    '',
    '## Current vs required',
    '',
    '| # | Required | Status | Current capability | Evidence |',
    '|---|---|---|---|---|',
  ];
  assessed.forEach((item, index) =>
    lines.push(
      `| ${index + 1} | ${cell(item.requirement)} | ${item.status === 'Met' ? '✅ Met' : item.status === 'Partly met' ? '🟡 Partly met' : '❌ Gap'} | ${cell(item.match?.text ?? 'Nothing found')} | ${cell(item.match?.evidence ?? '—')} |`,
    ),
  );
  lines.push('', '## Recommendations', '');
  const open = assessed.filter((item) => item.status !== 'Met');
  if (open.length === 0) lines.push('Every requirement appears to be met; confirm each with a test.');
  open.forEach((item, index) =>
    lines.push(
      `${index + 1}. **${item.requirement}** — ${item.status === 'Gap' ? 'not found in the code: plan the work to build it, or confirm another system provides it.' : `only partly covered by "${item.match?.text ?? ''}": confirm what is missing and extend it.`}`,
    ),
  );
  lines.push(
    '',
    '## Current capabilities',
    '',
    ...capabilities.map((capability) => `- ${capability.text} (${capability.evidence})`),
    '',
  );
  return lines.join('\n');
}

function capabilitiesOf(analysis: IntegrationAnalysis): Capability[] {
  const capabilities: Capability[] = [];
  const endpointById = new Map(analysis.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  for (const type of analysis.messageTypes) {
    const flow = analysis.flows.find((candidate) => candidate.messageType === type.code);
    const from = flow?.sources
      .map((id) => endpointById.get(id)?.address)
      .filter(Boolean)
      .join(', ');
    const to = flow?.destinations
      .map((id) => endpointById.get(id)?.name ?? endpointById.get(id)?.address)
      .filter(Boolean)
      .join(', ');
    capabilities.push({
      text: `Receives ${type.code} (${type.description})${from ? ` on ${from}` : ''}${to ? ` and delivers it to ${to}` : ''}`,
      evidence: type.files.slice(0, 3).join(', '),
      codes: [type.code, type.messageType, ...(type.triggerEvent ? [type.triggerEvent] : [])],
    });
  }
  for (const endpoint of analysis.endpoints)
    capabilities.push({
      text: `${endpoint.direction === 'inbound' ? 'Listens on' : endpoint.direction === 'outbound' ? 'Sends to' : 'Uses'} ${endpoint.kind.toUpperCase()} ${endpoint.address}${endpoint.name ? ` (${endpoint.name})` : ''}`,
      evidence: endpoint.evidence[0] ? `${endpoint.evidence[0].file}:${endpoint.evidence[0].line}` : '',
      codes: [endpoint.kind.toUpperCase(), ...endpoint.messageTypes],
    });
  for (const transformation of analysis.transformations)
    capabilities.push({
      text: `Maps ${transformation.from} to ${transformation.to.join(', ')} (${transformation.fieldMappings
        .map((mapping) => mapping.from)
        .slice(0, 6)
        .join(', ')})`,
      evidence: `${transformation.file}:${transformation.line}`,
      codes: [
        ...transformation.messageTypes,
        ...transformation.fieldMappings.map((mapping) => mapping.from.split('.')[0] ?? ''),
      ],
    });
  for (const component of analysis.components.filter(
    (candidate) => !candidate.roles.includes('sample') && !candidate.roles.includes('configuration'),
  ))
    capabilities.push({
      text: `${component.summary} (${component.roles.join(', ')})`,
      evidence: component.file,
      codes: component.messageTypes,
    });
  for (const segment of analysis.segments.filter((candidate) => candidate.fields.length > 0))
    capabilities.push({
      text: `Reads ${segment.id} (${segment.name}) fields ${segment.fields.join(', ')}`,
      evidence: segment.files
        .filter((file) => !/\.hl7$/i.test(file))
        .slice(0, 3)
        .join(', '),
      codes: [segment.id, ...segment.fields],
    });
  return capabilities;
}

function codesIn(text: string): string[] {
  const upper = text.toUpperCase();
  return [
    ...(upper.match(/\b[A-Z]{3}[\^_][A-Z]\d{2}\b/g) ?? []).map((code) => code.replace('_', '^')),
    ...(upper.match(/\b(ADT|ORU|ORM|SIU|MDM|ACK|MLLP|HTTP|MESH|FHIR|PID|PV1|PD1|OBR|OBX|MSH)\b/g) ?? []),
    ...(upper.match(/\b[A-Z][A-Z0-9]{2}-\d{1,2}\b/g) ?? []),
  ];
}

function wordsIn(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => !IGNORED.has(word)))].map((word) =>
    word.replace(/(ing|ed|es|s|e)$/, ''),
  );
}

function assess(
  requirement: string,
  capabilities: readonly Capability[],
): { status: Status; match: Capability | null } {
  const codes = codesIn(requirement);
  const words = wordsIn(requirement);
  const exactCodes = codes.filter((code) => code.includes('^'));
  let best: { capability: Capability; score: number; codeHits: number; wordHits: number } | null = null;
  for (const capability of capabilities) {
    const capabilityCodes = new Set(capability.codes.map((code) => code.toUpperCase()));
    const haystack = `${capability.text} ${capability.evidence}`.toLowerCase();
    const codeHits = codes.filter((code) => capabilityCodes.has(code) || haystack.includes(code.toLowerCase())).length;
    const wordHits = words.filter((word) => haystack.includes(word)).length;
    const score = codeHits * 3 + wordHits;
    if (score > 0 && (!best || score > best.score)) best = { capability, score, codeHits, wordHits };
  }
  if (!best) return { status: 'Gap', match: null };
  // A named message type the code never handles is a gap, however many words match.
  const missingType = exactCodes.some((code) => !capabilities.some((capability) => capability.codes.includes(code)));
  if (missingType) return { status: 'Gap', match: best.capability };
  const enough =
    best.codeHits > 0 ? best.wordHits >= Math.min(1, words.length) : best.wordHits >= Math.min(2, words.length);
  return { status: enough ? 'Met' : 'Partly met', match: best.capability };
}
