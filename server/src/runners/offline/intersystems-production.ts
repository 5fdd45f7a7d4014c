import type { ComponentRole, EndpointKind } from './analysis.types.js';
import type { EndpointHit } from './endpoint-patterns.js';

/**
 * InterSystems (HealthShare / Ensemble / IRIS for Health) interoperability exports: a production
 * of business services, routing engines, processes and operations with their settings, routing
 * rules that send HL7 document types to targets, and DTL transformations.
 */

export interface ProductionItem {
  name: string;
  className: string;
  line: number;
  role: ComponentRole;
  settings: Record<string, string>;
  /** Items it passes messages to (`TargetConfigNames`). */
  targets: string[];
}

export interface RoutingRule {
  name: string;
  line: number;
  /** Message type codes from `docName` / `docType` constraints (`ADT_A01` → `ADT^A01`). */
  messageTypes: string[];
  /** Items it sends to. */
  targets: string[];
  transforms: string[];
  /** Routing rule class name (`NFH.TIE.ADTRoutingRule`), matched by `BusinessRuleName`. */
  ruleClass: string;
}

export interface DataTransform {
  className: string;
  line: number;
  sourceDocType?: string;
  targetDocType?: string;
  assignments: Array<{ from: string; to: string; line: number }>;
}

export interface ProductionFacts {
  productionName?: string;
  items: ProductionItem[];
  rules: RoutingRule[];
  transforms: DataTransform[];
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;
const attribute = (attributes: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`).exec(attributes)?.[2];
const classNameOf = (text: string) => /^\s*Class\s+([\w.%]+)/m.exec(text)?.[1] ?? '';

export function looksLikeInterSystems(text: string): boolean {
  return (
    /<Production\b[\s\S]*<Item\b/.test(text) ||
    /<ruleDefinition\b/.test(text) ||
    /Extends\s+Ens\.DataTransformDTL/.test(text)
  );
}

function roleOf(className: string): ComponentRole {
  if (/Service/i.test(className)) return 'listener';
  if (/Router|RoutingEngine|MsgRouter/i.test(className)) return 'router';
  if (/Operation/i.test(className)) return 'sender';
  if (/Process/i.test(className)) return 'handler';
  return 'other';
}

/** `ADT_A01` or `2.4:ADT_A01` → `ADT^A01`. */
function codesOf(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((item) => item.split(':').pop() ?? '')
    .map((item) => /^([A-Z]{3})_([A-Z]\d{2})$/.exec(item))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]}^${match[2]}`);
}

export function readInterSystems(text: string): ProductionFacts {
  const facts: ProductionFacts = { items: [], rules: [], transforms: [] };
  facts.productionName = /<Production\s[^>]*Name="([^"]+)"/.exec(text)?.[1];
  for (const match of text.matchAll(/<Item\s([^>]*)>([\s\S]*?)<\/Item>/g)) {
    const attributes = match[1] ?? '';
    const name = attribute(attributes, 'Name') ?? 'Unnamed item';
    const className = attribute(attributes, 'ClassName') ?? '';
    const settings: Record<string, string> = {};
    for (const setting of (match[2] ?? '').matchAll(/<Setting\s[^>]*Name="(\w+)"[^>]*>([^<]*)<\/Setting>/g))
      settings[setting[1] ?? ''] = (setting[2] ?? '').trim();
    const targets = (settings['TargetConfigNames'] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    facts.items.push({ name, className, line: lineAt(text, match.index), role: roleOf(className), settings, targets });
  }
  const ruleClass = classNameOf(text);
  for (const match of text.matchAll(/<rule\s([^>]*)>([\s\S]*?)<\/rule>/g)) {
    const body = match[2] ?? '';
    const messageTypes = [...body.matchAll(/<constraint\s[^>]*name="doc(?:Name|Type)"[^>]*value="([^"]*)"/g)].flatMap(
      (constraint) => codesOf(constraint[1] ?? ''),
    );
    const sends = [...body.matchAll(/<send\s([^>]*)>/g)].map((send) => send[1] ?? '');
    facts.rules.push({
      name: attribute(match[1] ?? '', 'name') ?? 'rule',
      line: lineAt(text, match.index),
      messageTypes: [...new Set(messageTypes)],
      targets: [
        ...new Set(
          sends
            .flatMap((send) => (attribute(send, 'target') ?? '').split(',').map((item) => item.trim()))
            .filter(Boolean),
        ),
      ],
      transforms: [...new Set(sends.map((send) => attribute(send, 'transform') ?? '').filter(Boolean))],
      ruleClass,
    });
  }
  for (const match of text.matchAll(/<transform\s([^>]*)>([\s\S]*?)<\/transform>/g)) {
    const attributes = match[1] ?? '';
    const assignments: DataTransform['assignments'] = [];
    const bodyStart = match.index + match[0].indexOf('>') + 1;
    for (const assign of (match[2] ?? '').matchAll(/<assign\s([^>]*)\/?>/g)) {
      const value = attribute(assign[1] ?? '', 'value') ?? '';
      const property = attribute(assign[1] ?? '', 'property') ?? '';
      const from = fieldOf(value);
      const to = fieldOf(property) ?? property.replace(/^target\./, '');
      if (from && to) assignments.push({ from, to, line: lineAt(text, bodyStart + assign.index) });
    }
    const sourceDocType = attribute(attributes, 'sourceDocType');
    const targetDocType = attribute(attributes, 'targetDocType');
    facts.transforms.push({
      className: classNameOf(text),
      line: lineAt(text, match.index),
      ...(sourceDocType ? { sourceDocType } : {}),
      ...(targetDocType ? { targetDocType } : {}),
      assignments,
    });
  }
  return facts;
}

/** `source.{PID:3(1).1}` → `PID-3.1`; `target.{PV1:45.1}` → `PV1-45.1`. */
function fieldOf(path: string): string | undefined {
  const match = /\{([A-Z][A-Z0-9]{2})(?:\(\d+\))?:(\d+)(?:\(\d+\))?(?:\.(\d+))?/.exec(path);
  if (!match) return undefined;
  return `${match[1]}-${match[2]}${match[3] ? `.${match[3]}` : ''}`;
}

/** Endpoints of a production's services and operations, named by the item. */
export function productionEndpoints(facts: ProductionFacts): EndpointHit[] {
  const hits: EndpointHit[] = [];
  for (const item of facts.items) {
    const { settings } = item;
    const hl7 = /HL7/i.test(item.className);
    const port = settings['Port'] ? Number(settings['Port']) : undefined;
    const base = { name: item.name, line: item.line, messageTypes: [] as string[] };
    if (item.role === 'listener' && port) {
      const kind: EndpointKind =
        hl7 || /TCP/i.test(item.className) ? 'mllp' : /HTTP|SOAP|REST/i.test(item.className) ? 'http' : 'tcp';
      hits.push({ ...base, kind, direction: 'inbound', port, address: `${kind.toUpperCase()} :${port}` });
    } else if (item.role === 'sender' && settings['IPAddress'] && port) {
      const kind: EndpointKind = hl7 && /TCP/i.test(item.className) ? 'mllp' : 'tcp';
      hits.push({
        ...base,
        kind,
        direction: 'outbound',
        address: `${kind.toUpperCase()} ${settings['IPAddress']}:${port}`,
      });
    }
    const folder = settings['FilePath'];
    if (folder)
      hits.push({
        ...base,
        kind: 'file',
        direction: item.role === 'listener' ? 'inbound' : 'outbound',
        address: folder,
      });
    const url = settings['URL'] ?? settings['HTTPServer'];
    if (url)
      hits.push({ ...base, kind: 'http', direction: item.role === 'listener' ? 'inbound' : 'outbound', address: url });
  }
  return hits;
}
