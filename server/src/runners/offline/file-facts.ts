import path from 'node:path';
import type { Evidence } from './analysis.types.js';
import { callsIn, findFunctions, leadingDocumentation, type FunctionDefinition } from './code-structure.js';
import {
  assignedName,
  foldersIn,
  httpRoutesIn,
  portsIn,
  queuesIn,
  transportHint,
  urlsIn,
  type EndpointHit,
} from './endpoint-patterns.js';
import { categoryOf, type FileCategory } from './language.js';
import { SEGMENTS } from './hl7-tables.js';
import { looksLikeMirthChannel, readMirthChannels, type MirthChannel } from './mirth-channels.js';
import {
  looksLikeInterSystems,
  productionEndpoints,
  readInterSystems,
  type ProductionFacts,
} from './intersystems-production.js';
import {
  bareMessageTypesIn,
  fhirResourcesIn,
  fieldReferencesIn,
  messageCodesIn,
  quotedEventsIn,
  quotedSegmentsIn,
  type FieldReference,
} from './source-patterns.js';
import { endpointsInStructuredConfig } from './structured-config.js';

/** Everything the analyser reads out of one file; the inventory is built from these. */
export interface FileFacts {
  path: string;
  language: string;
  category: FileCategory;
  lines: string[];
  /** Message type codes with the line they are on. */
  messageCodes: Array<{ code: string; line: number }>;
  /** Segments seen in sample message lines (`PID|...`). */
  sampleSegments: Set<string>;
  /** Segments named in code (`'OBX'` or a field reference). */
  codeSegments: Set<string>;
  fieldReferences: Array<FieldReference & { line: number }>;
  fhirResources: Array<{ resource: string; line: number }>;
  functions: FunctionDefinition[];
  /** Function names called, by line. */
  calls: Map<number, string[]>;
  endpoints: EndpointHit[];
  documentation?: string;
  /** The file implements MLLP framing (start/end block bytes). */
  implementsMllp: boolean;
  /** Mirth Connect channels, when the file is a channel export. */
  channels: MirthChannel[];
  /** InterSystems production items, routing rules and transformations in the file. */
  interSystems?: ProductionFacts;
}

export function evidenceAt(facts: FileFacts, line: number): Evidence {
  const text = (facts.lines[line - 1] ?? '').trim();
  return { file: facts.path, line, excerpt: text.length > 160 ? `${text.slice(0, 157)}...` : text };
}

export function readFileFacts(filePath: string, language: string, text: string): FileFacts {
  const lines = text.split(/\r\n|\r|\n/);
  const category = categoryOf(filePath, language, text);
  const facts: FileFacts = {
    path: filePath,
    language,
    category,
    lines,
    messageCodes: [],
    sampleSegments: new Set(),
    codeSegments: new Set(),
    fieldReferences: [],
    fhirResources: [],
    functions: [],
    calls: new Map(),
    endpoints: [],
    channels: language === 'XML' && looksLikeMirthChannel(text) ? readMirthChannels(text.split(/\r\n|\r|\n/)) : [],
    implementsMllp:
      /0x0b|\\x0b|\\u000b|\\v|chr\(11\)|START_BLOCK|<VT>|start_hl7_server|MLLP/i.test(text) &&
      /0x1c|\\x1c|\\u001c|chr\(28\)|END_BLOCK|<FS>|start_hl7_server|MLLP/i.test(text),
  };
  if (category === 'sample') {
    readSample(facts);
    return facts;
  }
  const typesInFile = bareMessageTypesIn(text);
  const codeLike = category === 'code' || category === 'test' || category === 'config';
  lines.forEach((content, index) => {
    const line = index + 1;
    const codes = [...messageCodesIn(content), ...(codeLike ? quotedEventsIn(content, typesInFile) : [])];
    for (const code of new Set(codes.map((hit) => hit.code))) facts.messageCodes.push({ code, line });
    if (!codeLike) return;
    for (const reference of fieldReferencesIn(content)) {
      facts.fieldReferences.push({ ...reference, line });
      facts.codeSegments.add(reference.segment);
    }
    for (const segment of quotedSegmentsIn(content)) facts.codeSegments.add(segment);
    for (const resource of fhirResourcesIn(content)) facts.fhirResources.push({ resource, line });
    const calls = callsIn(content);
    if (calls.length > 0) facts.calls.set(line, calls);
  });
  facts.codeSegments.forEach((segment) => {
    if (!SEGMENTS[segment] && !segment.startsWith('Z')) facts.codeSegments.delete(segment);
  });
  if (category === 'code' || category === 'config') {
    facts.functions = findFunctions(lines, language);
    facts.documentation = leadingDocumentation(lines);
    facts.endpoints = readEndpoints(facts, text);
    if (looksLikeInterSystems(text)) {
      facts.interSystems = readInterSystems(text);
      facts.endpoints.push(...productionEndpoints(facts.interSystems));
    }
  }
  return facts;
}

function readSample(facts: FileFacts): void {
  // A file may hold several messages, one MSH each.
  facts.lines.forEach((content, index) => {
    const segment = /^([A-Z][A-Z0-9]{2})\|/.exec(content)?.[1];
    if (!segment) return;
    facts.sampleSegments.add(segment);
    if (segment !== 'MSH') return;
    const fields = content.split('|');
    const [messageType = '', triggerEvent = ''] = (fields[8] ?? '').split(fields[1]?.[0] ?? '^');
    if (/^[A-Z]{3}$/.test(messageType) && /^[A-Z][0-9]{2}$/.test(triggerEvent) && messageType !== 'ACK') {
      facts.messageCodes.push({ code: `${messageType}^${triggerEvent}`, line: index + 1 });
    }
  });
}

function readEndpoints(facts: FileFacts, text: string): EndpointHit[] {
  if (facts.language === 'JSON' || facts.language === 'YAML') {
    const structured = endpointsInStructuredConfig(text, facts.language, facts.lines);
    if (structured) return structured;
  }
  const fileHint = transportHint(path.posix.basename(facts.path)) ?? (facts.implementsMllp ? 'mllp' : undefined);
  const hits: EndpointHit[] = [];
  facts.lines.forEach((content, index) => {
    const line = index + 1;
    // Commented-out settings are not endpoints.
    if (/^\s*(\/\/|#|\*|;)/.test(content)) return;
    const name = assignedName(content);
    const messageTypes = messageCodesIn(content).map((hit) => hit.code);
    for (const url of urlsIn(content)) {
      hits.push({
        kind: url.kind,
        direction: 'outbound',
        address: url.url,
        line,
        messageTypes,
        ...(name ? { name } : {}),
      });
    }
    for (const route of httpRoutesIn(content)) {
      hits.push({ kind: 'http', direction: 'inbound', address: `${route.method} ${route.route}`, line, messageTypes });
    }
    const nearby = facts.lines.slice(Math.max(0, index - 2), index + 3).join('\n');
    for (const { port, listens } of portsIn(content)) {
      const kind = transportHint(content) ?? transportHint(nearby) ?? fileHint ?? (port === 2575 ? 'mllp' : 'tcp');
      const inbound = listens || !/host|remote|target|dest/i.test(content);
      hits.push({
        kind,
        direction: inbound ? 'inbound' : 'outbound',
        port,
        address: `${kind.toUpperCase()} :${port}`,
        line,
        messageTypes,
        ...(name ? { name } : {}),
      });
    }
    for (const folder of foldersIn(content)) {
      const inbound =
        /(in|inbox|pickup|poll|watch|input)([A-Z_.-]|$)/i.test(folder.name) &&
        !/(out|drop|archive|dead|error)/i.test(folder.name);
      hits.push({
        kind: 'file',
        direction: inbound ? 'inbound' : 'outbound',
        address: folder.folder,
        name: folder.name,
        line,
        messageTypes,
      });
    }
    for (const queue of queuesIn(content)) {
      hits.push({
        kind: 'queue',
        direction: 'outbound',
        address: queue,
        line,
        messageTypes,
        ...(name ? { name } : {}),
      });
    }
  });
  return hits;
}

/** The function whose span holds `line`, if any. */
export function functionAt(facts: FileFacts, line: number): FunctionDefinition | undefined {
  return facts.functions.find((definition) => definition.startLine <= line && line <= definition.endLine);
}
