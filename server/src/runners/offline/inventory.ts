import path from 'node:path';
import type {
  ComponentFinding,
  ComponentRole,
  EndpointFinding,
  Evidence,
  FieldMapping,
  HandlerFinding,
  IntegrationAnalysis,
  MessageTypeFinding,
  SegmentFinding,
  TransformationFinding,
} from './analysis.types.js';
import {
  assignChannelEndpoints,
  channelComponents,
  channelHandlers,
  channelTransformations,
} from './channel-inventory.js';
import type { EndpointHit } from './endpoint-patterns.js';
import {
  assignProductionEndpoints,
  productionComponents,
  productionHandlers,
  productionTransformations,
  readProduction,
} from './production-inventory.js';
import { evidenceAt, type FileFacts } from './file-facts.js';
import { describeMessageType, describeSegment } from './hl7-tables.js';
import { roleOfName, wordsOf } from './roles.js';
import { targetKeyBefore } from './source-patterns.js';

/** The inventory before flows and documents: what is there, where. */
export type Inventory = Pick<
  IntegrationAnalysis,
  'messageTypes' | 'segments' | 'endpoints' | 'handlers' | 'transformations' | 'components'
>;

const MAX_EVIDENCE = 6;
const sortCodes = (codes: Iterable<string>) => [...new Set(codes)].sort();

export function buildInventory(files: FileFacts[]): Inventory {
  const messageTypes = collectMessageTypes(files);
  const known = new Set(messageTypes.map((type) => type.code));
  const endpoints = collectEndpoints(files, known);
  assignChannelEndpoints(files, endpoints, known);
  const production = readProduction(files);
  assignProductionEndpoints(production, endpoints);
  const functionTypes = collectFunctionTypes(files, known);
  const handlers = [
    ...collectHandlers(functionTypes),
    ...files.flatMap((file) => channelHandlers(file, known)),
    ...productionHandlers(production),
  ];
  const transformations = [
    ...collectTransformations(functionTypes),
    ...files.flatMap((file) => channelTransformations(file, known)),
    ...productionTransformations(production),
  ];
  const components = [
    ...collectComponents(files, endpoints, functionTypes, known),
    ...productionComponents(production, endpoints),
  ];
  return { messageTypes, segments: collectSegments(files), endpoints, handlers, transformations, components };
}

function collectMessageTypes(files: FileFacts[]): MessageTypeFinding[] {
  const byCode = new Map<string, MessageTypeFinding>();
  // Documentation only adds evidence to types the code or samples have; a README that mentions
  // a message the engine does not handle does not make it handled.
  const ordered = [
    ...files.filter((file) => file.category !== 'documentation'),
    ...files.filter((file) => file.category === 'documentation'),
  ];
  for (const file of ordered) {
    for (const { code, line } of file.messageCodes) {
      let finding = byCode.get(code);
      if (!finding) {
        if (file.category === 'documentation') continue;
        const [messageType = code, triggerEvent] = code.split('^');
        finding = {
          code,
          messageType,
          ...(triggerEvent ? { triggerEvent } : {}),
          description: describeMessageType(messageType, triggerEvent),
          files: [],
          evidence: [],
        };
        byCode.set(code, finding);
      }
      if (!finding.files.includes(file.path)) finding.files.push(file.path);
      if (finding.evidence.length < MAX_EVIDENCE && !finding.evidence.some((item) => item.file === file.path))
        finding.evidence.push(evidenceAt(file, line));
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function collectSegments(files: FileFacts[]): SegmentFinding[] {
  const byId = new Map<string, SegmentFinding & { fieldNumbers: Set<number> }>();
  const get = (id: string) => {
    let finding = byId.get(id);
    if (!finding) {
      finding = { id, name: describeSegment(id), fields: [], files: [], inSamples: false, fieldNumbers: new Set() };
      byId.set(id, finding);
    }
    return finding;
  };
  for (const file of files) {
    for (const id of file.sampleSegments) {
      const finding = get(id);
      finding.inSamples = true;
      if (!finding.files.includes(file.path)) finding.files.push(file.path);
    }
    if (file.category === 'documentation') continue;
    for (const id of file.codeSegments) {
      const finding = get(id);
      if (!finding.files.includes(file.path)) finding.files.push(file.path);
    }
    for (const reference of file.fieldReferences) get(reference.segment).fieldNumbers.add(reference.field);
  }
  const order = ['MSH', 'EVN', 'PID', 'PD1', 'NK1', 'PV1', 'PV2'];
  return [...byId.values()]
    .map(({ fieldNumbers, ...finding }) => ({
      ...finding,
      fields: [...fieldNumbers].sort((a, b) => a - b).map((field) => `${finding.id}-${field}`),
    }))
    .sort((a, b) => {
      const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
      return rank(a.id) - rank(b.id) || a.id.localeCompare(b.id);
    });
}

function endpointKey(hit: EndpointHit): string {
  // `MLLP :2575` seen in code and in config (or in a test script that connects to it) is one port.
  if (hit.port !== undefined && (hit.direction === 'inbound' || /^[A-Z]+ :\d+$/.test(hit.address)))
    return `port:${hit.port}`;
  return `${hit.kind}:${hit.address.toLowerCase()}`;
}

function endpointId(hit: EndpointHit): string {
  const base =
    hit.port !== undefined && hit.direction === 'inbound' ? `${hit.kind}-${hit.port}` : `${hit.kind}-${hit.address}`;
  return base
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function collectEndpoints(files: FileFacts[], knownTypes: ReadonlySet<string>): EndpointFinding[] {
  const byKey = new Map<string, EndpointFinding>();
  // Structured configuration first: it names endpoints best.
  const ordered = [...files].sort((a, b) => Number(b.category === 'config') - Number(a.category === 'config'));
  for (const file of ordered) {
    for (const hit of file.endpoints) {
      const key = endpointKey(hit);
      let finding = byKey.get(key);
      if (!finding) {
        finding = {
          id: endpointId(hit),
          kind: hit.kind,
          direction: hit.direction,
          address: hit.address,
          ...(hit.name ? { name: hit.name } : {}),
          ...(hit.port !== undefined ? { port: hit.port } : {}),
          messageTypes: [],
          evidence: [],
        };
        byKey.set(key, finding);
      } else {
        // A port first seen as plain TCP in code and as MLLP in config is MLLP.
        if (finding.kind === 'tcp' && hit.kind !== 'tcp') {
          finding.kind = hit.kind;
          finding.address = hit.address;
        }
        if (!finding.name && hit.name) finding.name = hit.name;
      }
      finding.messageTypes = sortCodes([
        ...finding.messageTypes,
        ...hit.messageTypes.filter((code) => knownTypes.has(code)),
      ]);
      if (finding.evidence.length < MAX_EVIDENCE) finding.evidence.push(evidenceAt(file, hit.line));
    }
  }
  const endpoints = [...byKey.values()];
  assignRoutedTypes(files, endpoints, knownTypes);
  const ids = new Set<string>();
  for (const endpoint of endpoints) {
    let id = endpoint.id || endpoint.kind;
    for (let suffix = 2; ids.has(id); suffix += 1) id = `${endpoint.id}-${suffix}`;
    endpoint.id = id;
    ids.add(id);
  }
  const directionRank = { inbound: 0, outbound: 1, unknown: 2 };
  return endpoints.sort(
    (a, b) =>
      directionRank[a.direction] - directionRank[b.direction] ||
      a.kind.localeCompare(b.kind) ||
      a.address.localeCompare(b.address),
  );
}

const normaliseName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Routing tables (`"ADT^A03": ["pas", "epr", "gpDischarge"]`, a YAML list under `ORM^O01:`)
 * name destinations next to message types: those endpoints carry those types.
 */
function assignRoutedTypes(files: FileFacts[], endpoints: EndpointFinding[], knownTypes: ReadonlySet<string>): void {
  const byShortName = new Map<string, EndpointFinding[]>();
  for (const endpoint of endpoints) {
    const shortName = endpoint.name?.split('.').pop();
    if (!shortName || shortName.length < 3) continue;
    const key = normaliseName(shortName);
    byShortName.set(key, [...(byShortName.get(key) ?? []), endpoint]);
  }
  if (byShortName.size === 0) return;
  for (const file of files) {
    if (file.category !== 'code' && file.category !== 'config') continue;
    const codeLines = new Map<number, string[]>();
    for (const { code, line } of file.messageCodes) codeLines.set(line, [...(codeLines.get(line) ?? []), code]);
    for (const [line, codes] of codeLines) {
      const window = [file.lines[line - 1] ?? ''];
      if (/[:[{(=]\s*$/.test(window[0] ?? '')) {
        const indent = /^\s*/.exec(window[0] ?? '')?.[0].length ?? 0;
        for (let next = line + 1; next <= Math.min(file.lines.length, line + 10); next += 1) {
          const text = file.lines[next - 1] ?? '';
          if (
            !text.trim() ||
            codeLines.has(next) ||
            ((/^\s*/.exec(text)?.[0].length ?? 0) <= indent && !/^\s*[\]})]/.test(text))
          )
            break;
          window.push(text);
        }
      }
      const words = window
        .join(' ')
        .replace(/\b[A-Z]{3}[\^_][A-Z]\d{2}\b/g, ' ')
        .split(/[^A-Za-z0-9_-]+/);
      for (const word of words) {
        for (const endpoint of byShortName.get(normaliseName(word)) ?? []) {
          endpoint.messageTypes = sortCodes([
            ...endpoint.messageTypes,
            ...codes.filter((code) => knownTypes.has(code)),
          ]);
        }
      }
    }
  }
}

/** Function key: `file#name`. */
export type FunctionTypes = Map<
  string,
  {
    file: FileFacts;
    name: string;
    line: number;
    startLine: number;
    endLine: number;
    role: ComponentRole;
    types: Set<string>;
  }
>;

function functionRole(name: string, file: FileFacts): ComponentRole | undefined {
  return roleOfName(name) ?? fileRole(file);
}

function collectFunctionTypes(files: FileFacts[], knownTypes: ReadonlySet<string>): FunctionTypes {
  const functions: FunctionTypes = new Map();
  const byName = new Map<string, string[]>();
  for (const file of files) {
    if (file.category !== 'code') continue;
    for (const definition of file.functions) {
      const key = `${file.path}#${definition.name}#${definition.line}`;
      functions.set(key, {
        file,
        name: definition.name,
        line: definition.line,
        startLine: definition.startLine,
        endLine: definition.endLine,
        role: functionRole(definition.name, file) ?? 'other',
        types: new Set(),
      });
      byName.set(definition.name, [...(byName.get(definition.name) ?? []), key]);
    }
  }
  const entries = [...functions.values()];
  const inSpan = (file: FileFacts, line: number) =>
    entries.filter((entry) => entry.file === file && entry.startLine <= line && line <= entry.endLine);
  for (const file of files) {
    if (file.category !== 'code') continue;
    for (const { code, line } of file.messageCodes) {
      if (!knownTypes.has(code)) continue;
      for (const entry of inSpan(file, line)) entry.types.add(code);
      // A dispatch table: `'ADT^A01': handleAdmission` gives handleAdmission its type.
      // Only names used as values count: `routeMessage('ADT^A01', ...)` is a call, not a table entry.
      const text = (file.lines[line - 1] ?? '')
        .replace(/\b[A-Z]{3}[\^_][A-Z]\d{2}\b/g, ' ')
        .replace(/[A-Za-z_$][\w$]*\s*\(/g, ' ');
      for (const word of new Set(text.split(/[^A-Za-z0-9_$]+/))) {
        for (const key of byName.get(word) ?? []) {
          const entry = functions.get(key);
          if (entry && !(entry.file === file && entry.startLine <= line && line <= entry.endLine))
            entry.types.add(code);
        }
      }
    }
  }
  // What a handler calls works on the handler's messages: one step out, and one more inside the same file.
  const propagate = (sources: typeof entries, sameFileOnly: boolean) => {
    const additions: Array<[(typeof entries)[number], Set<string>]> = [];
    for (const source of sources) {
      if (source.types.size === 0) continue;
      for (const [line, names] of source.file.calls) {
        // Decorator lines above the definition (`@handles("ADT^A04")`) are not calls made by it.
        if (line < source.line || line > source.endLine) continue;
        for (const name of names) {
          for (const key of byName.get(name) ?? []) {
            const target = functions.get(key);
            if (!target || target === source || (sameFileOnly && target.file !== source.file)) continue;
            if (!['mapper', 'router', 'sender', 'handler'].includes(target.role)) continue;
            additions.push([target, source.types]);
          }
        }
      }
    }
    const changed = new Set<(typeof entries)[number]>();
    for (const [target, types] of additions) {
      for (const type of types)
        if (!target.types.has(type)) {
          target.types.add(type);
          changed.add(target);
        }
    }
    return [...changed];
  };
  const changed = propagate(entries, false);
  propagate(changed, true);
  return functions;
}

function collectHandlers(functions: FunctionTypes): HandlerFinding[] {
  return [...functions.values()]
    .filter((entry) => entry.types.size > 0 && entry.file.category === 'code')
    .map((entry) => ({
      name: entry.name,
      file: entry.file.path,
      line: entry.line,
      role: entry.role,
      messageTypes: sortCodes(entry.types),
    }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const OUTPUT_FORMATS: Record<string, string> = {
  csv: 'CSV',
  xml: 'XML',
  json: 'JSON',
  pdf: 'PDF',
  cda: 'CDA document',
  itk: 'ITK message',
  fhir: 'FHIR',
  hl7: 'HL7 v2',
  x12: 'X12',
  dict: 'JSON',
  notification: 'notification',
};

function collectTransformations(functions: FunctionTypes): TransformationFinding[] {
  const transformations: TransformationFinding[] = [];
  for (const entry of functions.values()) {
    if (entry.role !== 'mapper' || entry.file.category !== 'code') continue;
    const within = <T extends { line: number }>(items: T[]) =>
      items.filter((item) => item.line >= entry.startLine && item.line <= entry.endLine);
    const references = within(entry.file.fieldReferences);
    const resources = within(entry.file.fhirResources);
    if (references.length === 0 && resources.length === 0) continue;
    const fieldMappings: FieldMapping[] = [];
    for (const reference of references) {
      const to = targetKeyBefore(entry.file.lines[reference.line - 1] ?? '', reference.column);
      if (!to) continue;
      const from = `${reference.segment}-${reference.field}${reference.component ? `.${reference.component}` : ''}`;
      if (!fieldMappings.some((mapping) => mapping.from === from && mapping.to === to))
        fieldMappings.push({ from, to, line: reference.line });
    }
    const words = wordsOf(entry.name);
    const nameFormats = words
      .map((word) => OUTPUT_FORMATS[word])
      .filter((format): format is string => format !== undefined && format !== 'HL7 v2');
    const to =
      resources.length > 0
        ? [...new Set(resources.map((item) => `FHIR ${item.resource}`))]
        : nameFormats.length > 0
          ? [...new Set(nameFormats)]
          : ['downstream format'];
    const types = sortCodes(entry.types);
    transformations.push({
      name: entry.name,
      file: entry.file.path,
      line: entry.line,
      from: types.length > 0 ? `HL7 v2 ${types.join(', ')}` : 'HL7 v2',
      to,
      messageTypes: types,
      fieldMappings,
    });
  }
  return transformations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const ENTRY_NAMES = new Set(['index', 'main', 'app', 'program', '__main__', 'server', 'start']);

/** A file's role from its own name, or its folder's name when the file is an `index`. */
export function fileRole(file: FileFacts): ComponentRole | undefined {
  const base = path.posix.basename(file.path).replace(/\.[^.]+$/, '');
  const own = roleOfName(base);
  if (own && !(base === 'server' && !file.implementsMllp)) return own;
  if (ENTRY_NAMES.has(base)) {
    const folder = path.posix.basename(path.posix.dirname(file.path));
    return roleOfName(folder) ?? 'entrypoint';
  }
  return undefined;
}

function collectComponents(
  files: FileFacts[],
  endpoints: EndpointFinding[],
  functions: FunctionTypes,
  knownTypes: ReadonlySet<string>,
): ComponentFinding[] {
  const components: ComponentFinding[] = [];
  for (const file of files) {
    if (file.channels.length > 0) {
      components.push(...channelComponents(file, endpoints, knownTypes));
      continue;
    }
    // Production exports become one component per item (productionComponents).
    if (file.interSystems) continue;
    const fileEndpoints = endpoints
      .filter((endpoint) => endpoint.evidence.some((evidence: Evidence) => evidence.file === file.path))
      .map((endpoint) => endpoint.id);
    const isSettings = file.category === 'config' && (fileEndpoints.length > 0 || file.messageCodes.length > 0);
    if (file.category !== 'code' && !isSettings) continue;
    const ownFunctions = [...functions.values()].filter((entry) => entry.file === file);
    const roles = new Set<ComponentRole>();
    const own = file.category === 'config' ? 'configuration' : fileRole(file);
    if (own) roles.add(own);
    else for (const entry of ownFunctions) if (entry.role !== 'other') roles.add(entry.role);
    const types = new Set(file.messageCodes.map((hit) => hit.code).filter((code) => knownTypes.has(code)));
    for (const entry of ownFunctions) for (const type of entry.types) types.add(type);
    if (roles.size === 0) roles.add(types.size > 0 ? 'handler' : 'other');
    const roleList = [...roles];
    components.push({
      id: `c_${file.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      name: path.posix.basename(file.path),
      file: file.path,
      roles: roleList,
      language: file.language,
      messageTypes: sortCodes(types),
      endpoints: fileEndpoints,
      summary:
        file.documentation ??
        describeComponent(
          roleList,
          sortCodes(types),
          ownFunctions.map((entry) => entry.name),
          fileEndpoints.length,
        ),
    });
  }
  return components;
}

const ROLE_SENTENCES: Record<ComponentRole, string> = {
  listener: 'Receives messages',
  parser: 'Parses or unframes messages',
  validator: 'Checks messages before they are processed',
  mapper: 'Transforms messages into another format',
  router: 'Decides where each message goes',
  sender: 'Delivers messages to other systems',
  acknowledgement: 'Builds acknowledgements (ACK/NAK)',
  handler: 'Processes messages',
  configuration: 'Holds settings',
  sample: 'Sample message',
  test: 'Tests',
  documentation: 'Documentation',
  entrypoint: 'Starts the engine',
  other: 'Supporting code',
};

function describeComponent(
  roles: ComponentRole[],
  types: string[],
  functionNames: string[],
  endpointCount: number,
): string {
  const parts = [ROLE_SENTENCES[roles[0] ?? 'other']];
  if (types.length > 0) parts.push(`for ${types.join(', ')}`);
  let sentence = parts.join(' ');
  if (functionNames.length > 0)
    sentence += ` (${functionNames.slice(0, 4).join(', ')}${functionNames.length > 4 ? ', ...' : ''})`;
  if (endpointCount > 0) sentence += `; defines ${endpointCount} endpoint${endpointCount === 1 ? '' : 's'}`;
  return `${sentence}.`;
}
