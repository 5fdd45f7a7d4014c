import type { ComponentRole, EndpointKind } from './analysis.types.js';

/** `handleLabResult`, `order_to_ris_csv`, `mllp-server.js` → lower-case words. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0);
}

const FORMAT_WORDS = new Set([
  'fhir',
  'json',
  'xml',
  'csv',
  'hl7',
  'pdf',
  'cda',
  'itk',
  'er7',
  'edi',
  'x12',
  'dict',
  'row',
  'record',
  'resource',
  'bundle',
  'payload',
  'message',
]);

// Order matters: the first role whose words match wins for a single name.
const ROLE_WORDS: Array<[ComponentRole, RegExp]> = [
  ['acknowledgement', /^(ack|acks|nak|acknowledge|acknowledgement|acknowledgment)$/],
  [
    'listener',
    /^(listen|listener|listeners|server|receiver|receive|inbound|consumer|consume|poller|poll|watcher|watch)$/,
  ],
  ['parser', /^(parse|parser|parsing|decode|decoder|framing|frame|unframe|deframe|tokenize|tokenizer)$/],
  ['validator', /^(valid|validate|validator|validation|verify|verifier|check|checker|is)$/],
  [
    'mapper',
    /^(map|mapper|mapping|mappings|transform|transformer|transformation|convert|converter|translate|translator|build|builder|serialize|serializer|format|formatter)$/,
  ],
  ['router', /^(route|router|routing|routes|dispatch|dispatcher|switchboard)$/],
  [
    'sender',
    /^(send|sender|post|publish|publisher|deliver|delivery|forward|forwarder|client|writer|write|upload|outbox|producer|produce|emit|drop)$/,
  ],
  ['handler', /^(handle|handler|handlers|process|processor|on|callback)$/],
  ['configuration', /^(config|configuration|settings|conf|options|env)$/],
];

/** The role a function or file name suggests, if any. */
export function roleOfName(name: string): ComponentRole | undefined {
  const words = wordsOf(name);
  for (const [role, pattern] of ROLE_WORDS) if (words.some((word) => pattern.test(word))) return role;
  // `patientToFhir`, `order_to_ris_csv`, `patient-to-fhir.js`: a conversion.
  const to = words.indexOf('to');
  if (to >= 0 && words.slice(to + 1).some((word) => FORMAT_WORDS.has(word) || word.length > 2)) return 'mapper';
  return undefined;
}

const KIND_WORDS: Array<[EndpointKind, RegExp]> = [
  ['mesh', /^(mesh|dts|spine)$/],
  ['queue', /^(queue|queues|amqp|rabbit|rabbitmq|kafka|publish|publisher|topic|bus|mq|sqs|sns|producer|servicebus)$/],
  ['http', /^(http|https|rest|api|fetch|fhir|webhook|requests|axios)$/],
  ['file', /^(file|files|sftp|ftp|folder|dir|directory|drop|outbox)$/],
  ['database', /^(db|database|sql|repository|dao)$/],
  ['smtp', /^(smtp|mail|email)$/],
  ['mllp', /^(mllp|tcp)$/],
];

/** The endpoint kinds a sender's name suggests (`http-sender.js` → http). */
export function kindsOfName(name: string): EndpointKind[] {
  const words = wordsOf(name);
  return KIND_WORDS.filter(([, pattern]) => words.some((word) => pattern.test(word))).map(([kind]) => kind);
}
