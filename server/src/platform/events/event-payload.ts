import { PayloadTooLargeException } from '@nestjs/common';
import { MAX_EVENT_PAYLOAD_BYTES } from '@trustops/contracts';
import { REDACTED, SECRET_FIELDS } from '../logging/redaction.js';

const SECRET_KEYS = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));
const MAX_DEPTH = 32;

/**
 * The payload as stored and sent: values under secret-looking keys (`password`, `token`,
 * `apiKey`, …) replaced, because events are shown to every reader of the stream and kept for
 * ever. Refuses payloads whose JSON is over MAX_EVENT_PAYLOAD_BYTES: a stream is replayed to
 * every subscriber, so large content belongs in an artifact the event refers to.
 */
export function preparePayload(payload: Record<string, unknown>, type: string): Record<string, unknown> {
  const redacted = redactSecrets(payload, 0) as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(redacted) ?? '', 'utf8');
  if (size > MAX_EVENT_PAYLOAD_BYTES) {
    throw new PayloadTooLargeException(
      `The "${type}" event is too large to record (${Math.ceil(size / 1024)} KB; the limit is ${MAX_EVENT_PAYLOAD_BYTES / 1024} KB). Keep large content in a file and refer to it.`,
    );
  }
  return redacted;
}

function redactSecrets(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new Error('An event payload is nested too deeply to record.');
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] =
      SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== undefined
        ? REDACTED
        : redactSecrets(item, depth + 1);
  }
  return result;
}
