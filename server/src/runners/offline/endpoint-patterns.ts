import type { EndpointDirection, EndpointKind } from './analysis.types.js';

/** An endpoint seen on one line (or in one config object), before de-duplication. */
export interface EndpointHit {
  kind: EndpointKind;
  direction: EndpointDirection;
  address: string;
  name?: string;
  port?: number;
  line: number;
  messageTypes: string[];
}

// Identifier namespaces and schema URLs look like URLs but nothing is sent to them.
const NOT_ENDPOINT_HOSTS =
  /(^|\.)(hl7\.org|fhir\.nhs\.uk|snomed\.info|loinc\.org|unitsofmeasure\.org|w3\.org|json-schema\.org|github\.com|npmjs\.(com|org)|schemas\.xmlsoap\.org|schemas\.microsoft\.com|apache\.org|mirthcorp\.com|nextgen\.com|readthedocs\.io|python\.org|example\.com|digital\.nhs\.uk|datadictionary\.nhs\.uk|intersystems\.com)$/i;
const NAMESPACE_PATH = /\/(Id|CodeSystem|ValueSet|StructureDefinition|NamingSystem|ns|xmlns|schema|schemas)(\/|$)/;

const URL_PATTERN =
  /\b(https?|amqps?|mllp|tcp|sftp|ftps?|mqtt|kafka|smtp|postgres(?:ql)?|mysql|mssql|sqlserver|mongodb|redis|jdbc:[a-z]+):\/\/[^\s'"`<>)\]},;]+/gi;

export function kindOfScheme(scheme: string): EndpointKind {
  const lower = scheme.toLowerCase();
  if (lower.startsWith('http')) return 'http';
  if (lower.startsWith('amqp') || lower === 'mqtt' || lower === 'kafka') return 'queue';
  if (lower === 'mllp') return 'mllp';
  if (lower === 'tcp') return 'tcp';
  if (lower === 'sftp' || lower.startsWith('ftp')) return 'file';
  if (lower === 'smtp') return 'smtp';
  return 'database';
}

/** URLs worth calling endpoints (not identifier systems, not documentation links). */
export function urlsIn(line: string): Array<{ url: string; kind: EndpointKind; column: number }> {
  const found: Array<{ url: string; kind: EndpointKind; column: number }> = [];
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.]+$/, '');
    const scheme = match[1] ?? '';
    // Built at run time (`http://${host}:${port}`): not an address the code names.
    if (
      /\$\{|\{\{|%[sd]|:$/.test(url) ||
      /\$\{|\{\{/.test(line.slice(match.index + match[0].length, match.index + match[0].length + 2))
    )
      continue;
    const parsed = URL.parse(url.replace(/^jdbc:/i, ''));
    if (!parsed || NOT_ENDPOINT_HOSTS.test(parsed.hostname) || NAMESPACE_PATH.test(parsed.pathname)) continue;
    found.push({ url: redactCredentials(url), kind: kindOfScheme(scheme), column: match.index });
  }
  return found;
}

/** `amqp://user:secret@host` → `amqp://host`: documents must not carry passwords. */
export function redactCredentials(url: string): string {
  return url.replace(/^([a-z:]+:\/\/)[^/@\s]*@/i, '$1');
}

/** The name a value is given on its line: `const PAS_URL = '...'` → `PAS_URL`; `ris_url: ...` → `ris_url`. */
export function assignedName(line: string): string | undefined {
  return /^\s*(?:export\s+)?(?:const|let|var|final|static|public|private|readonly|\s)*['"]?([A-Za-z_][\w.-]*)['"]?\s*[:=](?!=)/.exec(
    line,
  )?.[1];
}

const HTTP_ROUTE_PATTERNS: Array<{
  pattern: RegExp;
  method: (match: RegExpMatchArray) => string;
  route: (match: RegExpMatchArray) => string;
}> = [
  // Express / Fastify / Koa: app.post('/adt', ...), router.get("/health")
  {
    pattern:
      /\b(?:app|router|server|api|route|routes|fastify|r)\.(get|post|put|patch|delete)\(\s*['"`](\/[^'"`]*)['"`]/gi,
    method: (m) => m[1] ?? '',
    route: (m) => m[2] ?? '',
  },
  // Flask / FastAPI: @app.route('/adt', methods=['POST']), @app.post('/adt')
  {
    pattern: /@\w+\.(route|get|post|put|patch|delete)\(\s*['"](\/[^'"]*)['"](?:[^)]*methods\s*=\s*\[\s*['"](\w+))?/gi,
    method: (m) => (m[1]?.toLowerCase() === 'route' ? (m[3] ?? 'GET') : (m[1] ?? '')),
    route: (m) => m[2] ?? '',
  },
  // NestJS / Spring: @Post('adt'), @PostMapping("/adt")
  {
    pattern: /@(Get|Post|Put|Patch|Delete)(?:Mapping)?\(\s*(?:value\s*=\s*)?['"]([^'"]*)['"]/g,
    method: (m) => m[1] ?? '',
    route: (m) => `/${(m[2] ?? '').replace(/^\//, '')}`,
  },
  // Node's http module: req.url === '/health'
  {
    pattern: /\b(?:req|request)\.(?:url|path)\s*===?\s*['"`](\/[^'"`]*)['"`]/g,
    method: () => '',
    route: (m) => m[1] ?? '',
  },
];

export function httpRoutesIn(line: string): Array<{ method: string; route: string }> {
  const routes: Array<{ method: string; route: string }> = [];
  for (const { pattern, method, route } of HTTP_ROUTE_PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      const explicit = method(match).toUpperCase();
      const inferred =
        explicit || /\b(?:req|request)\.method\s*===?\s*['"`](\w+)/.exec(line)?.[1]?.toUpperCase() || 'ANY';
      routes.push({ method: inferred, route: route(match) });
    }
  }
  return routes;
}

/** Literal listening ports: `.listen(2575`, `port=6661`, `MLLP_PORT = 2575`, `<port>6661</port>`. */
export function portsIn(line: string): Array<{ port: number; listens: boolean }> {
  const found: Array<{ port: number; listens: boolean }> = [];
  const add = (value: string | undefined, listens: boolean) => {
    const port = Number(value);
    if (Number.isInteger(port) && port > 0 && port < 65536 && !found.some((item) => item.port === port))
      found.push({ port, listens });
  };
  for (const match of line.matchAll(/\.(?:listen|bind|start_server|serve)\(\s*(?:['"][^'"]*['"]\s*,\s*)?(\d{2,5})\b/g))
    add(match[1], true);
  for (const match of line.matchAll(
    /\b(?:port|PORT|Port|listenPort|localPort|listen_port|LISTEN_PORT|[A-Z_]*_PORT|[a-z]+Port)\s*[:=]\s*['"]?(\d{2,5})\b/g,
  ))
    add(match[1], /listen|local|server|inbound|mllp/i.test(line));
  for (const match of line.matchAll(/<(?:port|listenerPort|localPort|listenPort)>\s*(\d{2,5})\s*</g))
    add(match[1], true);
  return found;
}

/** Folder paths given to a setting: `OUTBOX_DIR = "/var/mesh/out"`, `drop_dir: /srv/hl7`. */
export function foldersIn(line: string): Array<{ name: string; folder: string }> {
  const found: Array<{ name: string; folder: string }> = [];
  const pattern =
    /['"]?([A-Za-z_][\w-]*(?:dir|directory|folder|path|outbox|inbox|drop|pickup|archive|location)[\w-]*)['"]?\s*[:=]\s*['"]?((?:\/|\.\/|[A-Za-z]:\\|\\\\)[^'"\s,;}]+)/gi;
  for (const match of line.matchAll(pattern)) {
    const folder = match[2] ?? '';
    // A path, not a regular expression or a URL path pattern.
    if (folder.length < 2 || /^\/\//.test(folder) || !/^(\/|\.\/|[A-Za-z]:\\|\\\\)[\w.\-/\\ ~@%+]*$/.test(folder))
      continue;
    found.push({ name: match[1] ?? '', folder });
  }
  for (const match of line.matchAll(
    /<(host|directory|fileDirectory|outputDirectory|inputDirectory)>\s*((?:\/|[A-Za-z]:\\)[^<]+)</g,
  )) {
    found.push({ name: match[1] ?? '', folder: (match[2] ?? '').trim() });
  }
  return found;
}

/** Queue and topic names: `sendToQueue('tie.lab.results'`, `topic: "clinical.appointments"`. */
export function queuesIn(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(
    /\b(?:sendToQueue|assertQueue|basic_publish|send_message|produce)\(\s*['"]([\w.\-/:]+)['"]/g,
  ))
    found.push(match[1] ?? '');
  for (const match of line.matchAll(
    /\b(?:routing_key|queue_name|queueName|topic_name|topicName|queue|topic|QUEUE|TOPIC|[A-Z_]+_QUEUE|[A-Z_]+_TOPIC)\s*[:=]\s*['"]([\w.\-/:]+)['"]/g,
  ))
    found.push(match[1] ?? '');
  return [...new Set(found)];
}

/** Words on a line that mark MLLP or plain HTTP, to say what a port is for. */
export function transportHint(text: string): EndpointKind | undefined {
  if (/mllp|hl7|\\x0b|0x0b|\\u000b|0x1c|start_hl7_server|vertical.?tab|<VT>/i.test(text)) return 'mllp';
  if (/\bhttps?\b|express|fastify|flask|fastapi|uvicorn|health|createServer\(\s*\(req/i.test(text)) return 'http';
  return undefined;
}
