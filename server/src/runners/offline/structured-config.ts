import { parse as parseYaml } from 'yaml';
import type { EndpointDirection, EndpointKind } from './analysis.types.js';
import { kindOfScheme, redactCredentials, urlsIn, type EndpointHit } from './endpoint-patterns.js';
import { messageCodesIn } from './source-patterns.js';

/**
 * Reads endpoints out of JSON and YAML configuration by walking its objects: an object with a
 * `url`, a `port`, a folder or a queue name is one endpoint, named by its key path
 * (`destinations.pas`), and any HL7 message types listed inside it are what it carries.
 */
export function endpointsInStructuredConfig(
  text: string,
  language: string,
  lines: readonly string[],
): EndpointHit[] | undefined {
  let document: unknown;
  try {
    document = language === 'JSON' ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
  if (!document || typeof document !== 'object') return undefined;
  const hits: EndpointHit[] = [];
  walk(document as Record<string, unknown>, [], hits, lines);
  return hits;
}

type Node = Record<string, unknown>;

const INBOUND_WORDS = /(listen|listener|inbound|source|receiver|server|input|incoming|pickup|inbox)/i;
const OUTBOUND_WORDS = /(destination|target|outbound|downstream|sender|output|outgoing|route|endpoint|outbox|publish)/i;
const FOLDER_KEY = /(dir|directory|folder|path|outbox|inbox|drop|pickup|archive)$/i;
const QUEUE_KEY = /^(queue|queueName|queue_name|topic|topicName|topic_name|exchange|routingKey|routing_key)$/i;
const URL_KEY =
  /^(url|uri|baseUrl|base_url|endpoint|address|href|broker|brokerUrl|bootstrap|bootstrap_servers|kafka_bootstrap|[a-z_]*_url|[a-z]*Url)$/i;

function walk(node: Node, keyPath: string[], hits: EndpointHit[], lines: readonly string[]): void {
  // The top level of a settings file is a bag of settings, not one endpoint.
  const endpoint = keyPath.length > 0 ? endpointOf(node, keyPath, lines) : undefined;
  if (endpoint) hits.push(endpoint);
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      walk(value as Node, [...keyPath, key], hits, lines);
    } else if (!endpoint && (typeof value === 'string' || typeof value === 'number')) {
      // Loose settings at this level: `deadLetterDir: /var/tie/dead-letter`, `mllp_port: 2575`.
      const leaf = leafEndpoint(key, String(value), [...keyPath, key], lines);
      if (leaf) hits.push(leaf);
    }
  }
}

function endpointOf(node: Node, keyPath: string[], lines: readonly string[]): EndpointHit | undefined {
  const entries = Object.entries(node);
  const strings = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const get = (pattern: RegExp) => strings.find(([key]) => pattern.test(key))?.[1];
  const declared = (get(/^(type|protocol|transport|kind|connector)$/i) ?? '').toLowerCase();
  const url = strings.map(([, value]) => urlsIn(value)[0]).find((found) => found !== undefined);
  const urlValue = get(URL_KEY);
  const port = entries.find(
    ([key, value]) => /port$/i.test(key) && (typeof value === 'number' || /^\d{2,5}$/.test(String(value))),
  )?.[1];
  const folder = strings.find(([key, value]) => FOLDER_KEY.test(key) && /^(\/|\.\/|[A-Za-z]:\\)/.test(value))?.[1];
  const queue = get(QUEUE_KEY);
  const mailbox = get(/^(mailbox|mailboxId|mailbox_id|meshMailbox|mesh_mailbox|from_dts|to_dts)$/i);
  const name = keyPath.join('.');
  if (!url && !urlValue && port === undefined && !folder && !queue && !mailbox) return undefined;

  const messageTypes = [
    ...new Set(
      JSON.stringify(node)
        .split(/[^A-Z0-9^_]/)
        .flatMap((token) => messageCodesIn(token).map((hit) => hit.code)),
    ),
  ];
  const line = lineOfKey(lines, keyPath);
  const direction = directionOf(keyPath, declared);
  const base = { name: name || undefined, line, messageTypes };

  if (mailbox || declared === 'mesh') {
    return {
      ...base,
      kind: 'mesh',
      direction: direction === 'unknown' ? 'outbound' : direction,
      address: `MESH mailbox ${mailbox ?? '?'}${folder ? ` via ${folder}` : ''}`,
    };
  }
  if (queue || /queue|amqp|kafka|rabbit|mq|topic|bus/.test(declared)) {
    const broker = url?.url ?? urlValue ?? '';
    return {
      ...base,
      kind: 'queue',
      direction: direction === 'unknown' ? 'outbound' : direction,
      address: [redactCredentials(broker), queue].filter(Boolean).join(' → ') || name,
    };
  }
  if (url) {
    const method = get(/^method$/i)?.toUpperCase();
    const kind: EndpointKind = declared === 'mllp' ? 'mllp' : url.kind;
    return {
      ...base,
      kind,
      direction: direction === 'unknown' ? 'outbound' : direction,
      address: method && kind === 'http' ? `${method} ${url.url}` : url.url,
    };
  }
  if (port !== undefined) {
    const portNumber = Number(port);
    const host = get(/^(host|hostname|server|address)$/i);
    const kind: EndpointKind =
      declared.includes('mllp') ||
      declared.includes('hl7') ||
      /mllp|hl7|adt|oru|orm|result/i.test(name) ||
      messageTypes.length > 0 ||
      portNumber === 2575
        ? 'mllp'
        : declared.includes('http') || /http|health|api|web/i.test(name)
          ? 'http'
          : 'tcp';
    const listens = direction !== 'outbound' && (!host || /^(0\.0\.0\.0|::|localhost|127\.0\.0\.1|\*)$/.test(host));
    return {
      ...base,
      kind,
      direction: listens ? 'inbound' : 'outbound',
      port: portNumber,
      address: listens ? `${kind.toUpperCase()} :${portNumber}` : `${kind.toUpperCase()} ${host ?? ''}:${portNumber}`,
    };
  }
  if (urlValue) {
    const kind: EndpointKind = declared.includes('mllp') ? 'mllp' : declared.includes('http') ? 'http' : 'tcp';
    return { ...base, kind, direction: direction === 'unknown' ? 'outbound' : direction, address: urlValue };
  }
  if (folder) {
    return {
      ...base,
      kind: 'file',
      direction: direction === 'unknown' ? folderDirection(name) : direction,
      address: folder,
    };
  }
  return undefined;
}

function leafEndpoint(
  key: string,
  value: string,
  keyPath: string[],
  lines: readonly string[],
): EndpointHit | undefined {
  const line = lineOfKey(lines, keyPath);
  if (/port$/i.test(key) && /^\d{2,5}$/.test(value)) {
    const port = Number(value);
    const kind: EndpointKind =
      /mllp|hl7/i.test(key) || port === 2575 ? 'mllp' : /http|web|api|health/i.test(key) ? 'http' : 'tcp';
    return {
      kind,
      direction: 'inbound',
      port,
      address: `${kind.toUpperCase()} :${port}`,
      name: keyPath.join('.'),
      line,
      messageTypes: [],
    };
  }
  if (FOLDER_KEY.test(key) && /^(\/|\.\/|[A-Za-z]:\\)/.test(value)) {
    return {
      kind: 'file',
      direction: folderDirection(key),
      address: value,
      name: keyPath.join('.'),
      line,
      messageTypes: [],
    };
  }
  const url = urlsIn(value)[0];
  if (url && URL_KEY.test(key)) {
    return { kind: url.kind, direction: 'outbound', address: url.url, name: keyPath.join('.'), line, messageTypes: [] };
  }
  const scheme = /^([a-z]+):\/\//i.exec(value)?.[1];
  if (scheme && !url) return undefined;
  if (scheme)
    return {
      kind: kindOfScheme(scheme),
      direction: 'outbound',
      address: value,
      name: keyPath.join('.'),
      line,
      messageTypes: [],
    };
  return undefined;
}

function directionOf(keyPath: string[], declared: string): EndpointDirection {
  const joined = `${keyPath.join('.')} ${declared}`;
  if (INBOUND_WORDS.test(joined)) return 'inbound';
  if (OUTBOUND_WORDS.test(joined)) return 'outbound';
  return 'unknown';
}

function folderDirection(name: string): EndpointDirection {
  return /(in|inbox|pickup|poll|watch|input|incoming)([A-Z_.-]|$)/.test(name) &&
    !/(out|drop|archive|dead|error)/i.test(name)
    ? 'inbound'
    : 'outbound';
}

/** The line where the last key of `keyPath` appears (after its parents), 1-based; 1 if not found. */
function lineOfKey(lines: readonly string[], keyPath: string[]): number {
  let from = 0;
  for (const key of keyPath) {
    const pattern = new RegExp(`(^|[\\s"'{,])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
    const index = lines.findIndex((line, position) => position >= from && pattern.test(line));
    if (index >= 0) from = index;
  }
  return from + 1;
}
