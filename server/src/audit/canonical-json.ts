/** A value that survives a trip through JSON unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Serialises a JSON value with a stable shape: object keys sorted by UTF-16 code units at every
 * depth, no whitespace, numbers and strings as `JSON.stringify` writes them (the same rules as
 * RFC 8785). Dates become ISO-8601 UTC strings. Anything JSON cannot carry faithfully (`undefined`
 * inside arrays, functions, symbols, bigints, NaN, Infinity) is refused rather than silently
 * changed, because the output is hashed and must be reproducible from what is stored.
 * Object properties whose value is `undefined` are left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  const path: Array<string | number> = [];
  return serialise(value, path);
}

// `path` is only read to name the culprit in an error; it is a stack, not rebuilt per value.
function serialise(value: unknown, path: Array<string | number>): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: ${value} at ${formatPath(path)} has no JSON form`);
      }
      return JSON.stringify(value);
    case 'object': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) {
          throw new TypeError(`canonicalJson: invalid date at ${formatPath(path)}`);
        }
        return `"${value.toISOString()}"`;
      }
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index++) {
          path.push(index);
          text += (index === 0 ? '' : ',') + serialise(value[index], path);
          path.pop();
        }
        return `${text}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort(compareCodeUnits);
      let text = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) {
          continue;
        }
        path.push(key);
        text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${serialise(item, path)}`;
        path.pop();
      }
      return `${text}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`canonicalJson: a ${typeof value} at ${formatPath(path)} has no JSON form`);
  }
  throw new TypeError(`canonicalJson: unexpected value at ${formatPath(path)}`);
}

function formatPath(path: Array<string | number>): string {
  return `$${path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('')}`;
}

// Array.prototype.sort's default order is by UTF-16 code units; spelled out so nobody "fixes" it to localeCompare.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
