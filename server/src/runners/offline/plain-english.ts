import type { EndpointFinding, EndpointKind, IntegrationAnalysis } from './analysis.types.js';
import { wordsOf } from './roles.js';

const KIND_WORDS: Record<EndpointKind, string> = {
  mllp: 'MLLP',
  tcp: 'TCP',
  http: 'web API',
  file: 'file drop',
  queue: 'message queue',
  mesh: 'MESH',
  database: 'database',
  smtp: 'email',
};

// Read as acronyms in names: `destinations.pas` is the PAS.
const ACRONYMS = new Set([
  'pas',
  'epr',
  'ehr',
  'gp',
  'ris',
  'lims',
  'pacs',
  'ods',
  'nhs',
  'api',
  'rest',
  'mesh',
  'hl7',
  'fhir',
  'adt',
  'oru',
  'mpi',
  'pds',
  'tie',
  'ae',
  'ed',
  'icu',
  'itk',
  'dts',
  'ftp',
  'sftp',
  'http',
]);

/** `destinations.gpDischarge` → "GP discharge"; a name that is already words is kept as it is. */
export function humaniseName(name: string): string {
  const last = name.split('.').pop() ?? name;
  if (/\s/.test(last)) return last;
  const words = wordsOf(last);
  if (words.length === 0) return name;
  return words
    .map((word, index) =>
      ACRONYMS.has(word) ? word.toUpperCase() : index === 0 ? `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}` : word,
    )
    .join(' ');
}

function endpointPhrase(endpoint: EndpointFinding): string {
  if (endpoint.direction === 'inbound' && endpoint.port !== undefined)
    return `${KIND_WORDS[endpoint.kind]} port ${endpoint.port}`;
  return endpoint.name
    ? `${humaniseName(endpoint.name)} (${KIND_WORDS[endpoint.kind]})`
    : `${endpoint.address} (${KIND_WORDS[endpoint.kind]})`;
}

/** "FHIR Patient" and "channel variables" stand alone; "notification" reads "a notification". */
function withArticle(output: string): string {
  const [first = '', second] = output.split(' ');
  return /^[A-Z]/.test(first) || /s$/.test(second ?? first) ? output : `a ${output}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One sentence per message flow for readers who do not read code: where it comes from, what the
 * engine does with it, and where it goes.
 */
export function plainEnglishFlows(analysis: Omit<IntegrationAnalysis, 'markdown'>): string[] {
  const endpoints = new Map(analysis.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const components = new Map(analysis.components.map((component) => [component.id, component]));
  const acknowledges = analysis.components.some((component) => component.roles.includes('acknowledgement'));
  return analysis.flows.map((flow) => {
    const type = analysis.messageTypes.find((item) => item.code === flow.messageType);
    const parts = flow.components.map((id) => components.get(id)).filter((component) => component !== undefined);
    const sources = flow.sources.map((id) => endpoints.get(id)).filter((endpoint) => endpoint !== undefined);
    const destinations = flow.destinations.map((id) => endpoints.get(id)).filter((endpoint) => endpoint !== undefined);
    const mapperFiles = new Set(parts.filter((part) => part.roles.includes('mapper')).map((part) => part.file));
    const outputs = [
      ...new Set(
        analysis.transformations
          .filter(
            (item) =>
              mapperFiles.has(item.file) &&
              (item.messageTypes.length === 0 || item.messageTypes.includes(flow.messageType)),
          )
          .flatMap((item) => item.to),
      ),
    ];
    const steps: string[] = [];
    if (parts.some((part) => part.roles.includes('validator'))) steps.push('checks it');
    if (outputs.length > 0) steps.push(`turns it into ${list(outputs.map(withArticle))}`);
    steps.push(
      destinations.length > 0
        ? `sends it to ${list(destinations.map(endpointPhrase))}`
        : 'keeps it (no destination was found in the configuration)',
    );
    const arrives = sources.length > 0 ? `It arrives on ${list(sources.map(endpointPhrase))}. ` : '';
    const ack =
      acknowledges && sources.some((source) => source.kind === 'mllp')
        ? ' The sender gets an acknowledgement (ACK) back.'
        : '';
    return `**${flow.messageType}${type ? ` (${type.description.toLowerCase()})` : ''}.** ${arrives}The engine ${list(steps)}.${ack}`;
  });
}
