import type { DecisionFormField } from '@trustops/contracts';

const FIELD_TYPES: ReadonlyArray<DecisionFormField['type']> = ['string', 'text', 'number', 'boolean', 'enum'];
const MAX_FIELDS = 30;
const MAX_LENGTH: Record<'string' | 'text', number> = { string: 500, text: 10_000 };

export type FormFieldsResult = { ok: true; fields: DecisionFormField[] } | { ok: false; problems: string[] };
export type FormResponseResult = { ok: true; values: Record<string, unknown> } | { ok: false; problems: string[] };

/**
 * Reads the form of an `input` (or `approval`) step from its `with.fields`: a list of
 * `{ name, label?, type?, required?, help?, options?, pattern? }`. `type` defaults to `string`,
 * `label` to the name, and `required` to true (a form asks for what the runbook needs).
 */
export function parseFormFields(value: unknown): FormFieldsResult {
  if (value === undefined || value === null) return { ok: true, fields: [] };
  if (!Array.isArray(value))
    return { ok: false, problems: ['fields must be a list of form fields, each with at least a name.'] };
  if (value.length > MAX_FIELDS)
    return { ok: false, problems: [`A form can have at most ${MAX_FIELDS} fields; this one has ${value.length}.`] };
  const problems: string[] = [];
  const fields: DecisionFormField[] = [];
  const names = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const where = `fields[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${where} must be an object with at least a name.`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const name = entry['name'];
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) {
      problems.push(`${where}.name must be a name of letters, digits and underscores, starting with a letter.`);
      return;
    }
    if (names.has(name)) problems.push(`${where}: the field name "${name}" is used twice.`);
    names.add(name);
    const type = entry['type'] ?? 'string';
    if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
      problems.push(`${where}.type must be one of ${FIELD_TYPES.join(', ')}.`);
      return;
    }
    const field: DecisionFormField = {
      name,
      label: typeof entry['label'] === 'string' && entry['label'].trim() ? entry['label'].trim() : name,
      type: type as DecisionFormField['type'],
      required: entry['required'] === undefined ? true : entry['required'] === true,
    };
    if (typeof entry['help'] === 'string') field.help = entry['help'];
    if (field.type === 'enum') {
      const options = entry['options'];
      if (!Array.isArray(options) || options.length === 0 || !options.every((option) => typeof option === 'string')) {
        problems.push(`${where}.options must list the allowed values of the "${name}" choice.`);
        return;
      }
      field.options = options;
    }
    if (entry['pattern'] !== undefined) {
      const pattern = entry['pattern'];
      if (typeof pattern !== 'string' || !isValidPattern(pattern)) {
        problems.push(`${where}.pattern must be a valid regular expression.`);
        return;
      }
      field.pattern = pattern;
    }
    fields.push(field);
  });
  return problems.length ? { ok: false, problems } : { ok: true, fields };
}

/**
 * Checks what a decider typed into the form: one plain sentence per problem, naming the field by
 * its label. Numbers and yes/no values sent as text are converted; unknown fields are refused.
 */
export function validateFormResponse(
  fields: readonly DecisionFormField[],
  response: Record<string, unknown> | undefined | null,
): FormResponseResult {
  const given = response ?? {};
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const known = new Set(fields.map((field) => field.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) problems.push(`"${name}" is not a field of this form.`);
  }
  for (const field of fields) {
    const raw = given[field.name];
    const missing = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (missing) {
      if (field.required) problems.push(`${field.label} is required.`);
      continue;
    }
    const checked = checkValue(field, raw);
    if ('problem' in checked) problems.push(checked.problem);
    else values[field.name] = checked.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

function checkValue(field: DecisionFormField, raw: unknown): { value: unknown } | { problem: string } {
  switch (field.type) {
    case 'string':
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: `${field.label} must be text.` };
      const text = String(raw).trim();
      const max = MAX_LENGTH[field.type];
      if (text.length > max) return { problem: `${field.label} must be at most ${max} characters.` };
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text))
        return { problem: `${field.label} is not in the expected format.` };
      return { value: text };
    }
    case 'number': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(number)) return { problem: `${field.label} must be a number.` };
      return { value: number };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'yes') return { value: true };
      if (raw === 'false' || raw === 'no') return { value: false };
      return { problem: `${field.label} must be yes or no.` };
    }
    case 'enum': {
      const options = field.options ?? [];
      if (typeof raw !== 'string' || !options.includes(raw))
        return { problem: `${field.label} must be one of: ${options.join(', ')}.` };
      return { value: raw };
    }
  }
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
