import { MESSAGE_TYPES, SEGMENTS, TRIGGER_EVENTS } from './hl7-tables.js';

/**
 * Line-level recognisers for HL7 v2 concepts in source code of any language. Each returns what
 * it saw with its column, so the caller can pair a field with the key it is assigned to.
 */

const TYPE_CODES = Object.keys(MESSAGE_TYPES).join('|');
const SEGMENT_CODES = Object.keys(SEGMENTS).join('|');

// ADT^A01, ADT_A01 (message structure names in hl7apy/HAPI), ORU^R01.
const MESSAGE_CODE = new RegExp(`\\b(${TYPE_CODES})[\\^_]([A-Z][0-9]{2})\\b`, 'g');
// 'A01', "R01": a bare trigger event in quotes, only counted when its message type is in the file.
const QUOTED_EVENT = /['"`]([A-Z][0-9]{2})['"`]/g;

export interface MessageCodeHit {
  code: string;
  messageType: string;
  triggerEvent: string;
  column: number;
}

export function messageCodesIn(line: string): MessageCodeHit[] {
  const hits: MessageCodeHit[] = [];
  for (const match of line.matchAll(MESSAGE_CODE)) {
    const [, messageType = '', triggerEvent = ''] = match;
    // ACK^A01 is the acknowledgement of an A01, not a message type of its own here.
    if (messageType === 'ACK') continue;
    hits.push({ code: `${messageType}^${triggerEvent}`, messageType, triggerEvent, column: match.index });
  }
  return hits;
}

/** Bare trigger events (`case 'A03':`) resolved against the message types the file mentions. */
export function quotedEventsIn(line: string, typesInFile: ReadonlySet<string>): MessageCodeHit[] {
  const hits: MessageCodeHit[] = [];
  for (const match of line.matchAll(QUOTED_EVENT)) {
    const triggerEvent = match[1] ?? '';
    for (const messageType of typesInFile) {
      if (TRIGGER_EVENTS[messageType]?.[triggerEvent]) {
        hits.push({ code: `${messageType}^${triggerEvent}`, messageType, triggerEvent, column: match.index });
        break;
      }
    }
  }
  return hits;
}

/** Message types named on their own (`'ADT'`, `== "ORU"`), used to resolve bare trigger events. */
export function bareMessageTypesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(new RegExp(`['"\`](${TYPE_CODES})['"\`^]`, 'g'))) found.add(match[1] ?? '');
  for (const match of text.matchAll(MESSAGE_CODE)) found.add(match[1] ?? '');
  found.delete('');
  return found;
}

export interface FieldReference {
  segment: string;
  field: number;
  component?: number;
  column: number;
}

const FIELD_PATTERNS: RegExp[] = [
  // PID-3, PID.3, PID-5.1, PID.5.1, MSH-9.2 (comments, Mirth E4X msg['PID']['PID.3'], docs)
  new RegExp(`\\b(${SEGMENT_CODES}|Z[A-Z][A-Z0-9])[-.](\\d{1,3})(?:[.-](\\d{1,2}))?\\b`, 'g'),
  // getField(message, 'PID', 3, 1), get('PV1', 45)
  new RegExp(`['"\`](${SEGMENT_CODES}|Z[A-Z][A-Z0-9])['"\`]\\s*,\\s*(\\d{1,3})(?:\\s*,\\s*(\\d{1,2}))?`, 'g'),
  // python-hl7: msg.segment('PID')[3], msg['PID'][0][3]
  new RegExp(
    `['"](${SEGMENT_CODES}|Z[A-Z][A-Z0-9])['"]\\)?\\]?(?:\\[\\s*0\\s*\\])?\\[\\s*(\\d{1,3})\\s*\\](?:\\[\\s*0\\s*\\])?(?:\\[\\s*(\\d{1,2})\\s*\\])?`,
    'g',
  ),
  // python-hl7 with the segment in a variable: pid[3][0][1], obr_segment[4]
  new RegExp(
    `\\b(${SEGMENT_CODES.toLowerCase()})[a-z_]*\\[\\s*(\\d{1,3})\\s*\\](?:\\[\\s*0\\s*\\])?(?:\\[\\s*(\\d{1,2})\\s*\\])?`,
    'g',
  ),
  // hl7apy: msg.pid.pid_3, pv1.pv1_45
  new RegExp(`\\b(${SEGMENT_CODES.toLowerCase()})_(\\d{1,3})(?:_(\\d{1,2}))?\\b`, 'g'),
  // InterSystems virtual property paths: source.{PID:3(1).1}, target.{PV1:45.1}
  new RegExp(`\\{(${SEGMENT_CODES}|Z[A-Z][A-Z0-9])(?:\\(\\d+\\))?:(\\d{1,3})(?:\\(\\d+\\))?(?:\\.(\\d{1,2}))?`, 'g'),
  // a segment held in a variable: obx.fields[5], pidSegment.fields[3]
  new RegExp(`\\b(${SEGMENT_CODES.toLowerCase()})[A-Za-z]*\\.fields?\\[\\s*(\\d{1,3})\\s*\\]`, 'g'),
];

export function fieldReferencesIn(line: string): FieldReference[] {
  const references: FieldReference[] = [];
  const seen = new Set<number>();
  for (const pattern of FIELD_PATTERNS) {
    for (const match of line.matchAll(pattern)) {
      if (seen.has(match.index)) continue;
      seen.add(match.index);
      const segment = (match[1] ?? '').toUpperCase();
      const field = Number(match[2]);
      if (!Number.isInteger(field) || field < 1 || field > 300) continue;
      // python-hl7 indexes components from 0 (`[4][0][1]` is OBR-4.2).
      const zeroBased = pattern === FIELD_PATTERNS[2] || pattern === FIELD_PATTERNS[3];
      const component = match[3] ? Number(match[3]) + (zeroBased ? 1 : 0) : undefined;
      references.push({ segment, field, ...(component ? { component } : {}), column: match.index });
    }
  }
  // Mirth's msg['PID']['PID.5']['PID.5.1'] names PID-5 on the way to PID-5.1: keep the precise one.
  const precise = references.filter(
    (reference) =>
      reference.component !== undefined ||
      !references.some(
        (other) =>
          other.component !== undefined &&
          other.segment === reference.segment &&
          other.field === reference.field &&
          other.column > reference.column &&
          other.column - reference.column < 24,
      ),
  );
  return precise.sort((a, b) => a.column - b.column);
}

/** Segment ids in quotes (`'OBX'`, `"PV1"`): known segments only, so `'GET'` is not one. */
export function quotedSegmentsIn(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(new RegExp(`['"\`](${SEGMENT_CODES})['"\`]`, 'g'))) found.push(match[1] ?? '');
  return found;
}

/** FHIR resources a mapper produces: `resourceType: 'Patient'`, `"resourceType": "Encounter"`. */
export function fhirResourcesIn(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(/resourceType['"]?\s*[:=]\s*['"]([A-Z][A-Za-z]+)['"]/g)) found.push(match[1] ?? '');
  return found;
}

/**
 * The key a value at `column` is assigned to on this line: the nearest `key:` or `key =` or
 * `["key"] =` before it (`family: getField(message, 'PID', 5, 1)` → `family`).
 */
export function targetKeyBefore(line: string, column: number): string | undefined {
  const before = line.slice(0, column);
  const candidates: Array<{ key: string; at: number }> = [];
  for (const match of before.matchAll(/\[\s*['"]([\w.-]+)['"]\s*\]\s*=(?!=)/g))
    candidates.push({ key: match[1] ?? '', at: match.index });
  for (const match of before.matchAll(/['"]?([A-Za-z_$][\w$]*)['"]?\s*:(?!:)/g))
    candidates.push({ key: match[1] ?? '', at: match.index });
  for (const match of before.matchAll(/(?:^|[\s(,])([A-Za-z_$][\w$.]*)\s*=(?![=>])/g)) {
    const key = (match[1] ?? '').split('.').pop() ?? '';
    candidates.push({ key, at: match.index });
  }
  const ignored = new Set(['const', 'let', 'var', 'return', 'case', 'default', 'http', 'https']);
  const best = candidates
    .filter((candidate) => candidate.key && !ignored.has(candidate.key))
    .sort((a, b) => b.at - a.at)[0];
  return best?.key;
}
