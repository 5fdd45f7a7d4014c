import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecisionFormField } from '@trustops/contracts';
import { parseFormFields, validateFormResponse } from './decision-form.js';

const FORM: DecisionFormField[] = [
  { name: 'code', label: 'MFA code', type: 'string', required: true, pattern: '\\d{6}' },
  { name: 'minutes', label: 'Downtime in minutes', type: 'number', required: false },
  { name: 'notify', label: 'Notify the ward', type: 'boolean', required: false },
  { name: 'ward', label: 'Ward', type: 'enum', required: false, options: ['A1', 'B2'] },
];

describe('decision forms', () => {
  describe(parseFormFields.name, () => {
    it('should default the label to the name, the type to string and required to true', () => {
      const result = parseFormFields([{ name: 'reason' }]);
      assert.deepEqual(result, {
        ok: true,
        fields: [{ name: 'reason', label: 'reason', type: 'string', required: true }],
      });
    });

    it('should say which field is wrong and what was expected', () => {
      const result = parseFormFields([
        { name: 'ok' },
        { name: '1bad' },
        { name: 'choice', type: 'enum' },
        { name: 'ok' },
        { name: 'x', type: 'date' },
      ]);
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.problems, [
        'fields[1].name must be a name of letters, digits and underscores, starting with a letter.',
        'fields[2].options must list the allowed values of the "choice" choice.',
        'fields[3]: the field name "ok" is used twice.',
        'fields[4].type must be one of string, text, number, boolean, enum.',
      ]);
    });

    it('should refuse a pattern that is not a regular expression', () => {
      assert.deepEqual(parseFormFields([{ name: 'code', pattern: '(' }]), {
        ok: false,
        problems: ['fields[0].pattern must be a valid regular expression.'],
      });
    });
  });

  describe(validateFormResponse.name, () => {
    it('should accept valid values and convert numbers and yes/no given as text', () => {
      const result = validateFormResponse(FORM, { code: ' 123456 ', minutes: '15', notify: 'yes', ward: 'B2' });
      assert.deepEqual(result, { ok: true, values: { code: '123456', minutes: 15, notify: true, ward: 'B2' } });
    });

    it('should name each field that is wrong by its label', () => {
      const result = validateFormResponse(FORM, {
        code: '12ab',
        minutes: 'soon',
        notify: 'maybe',
        ward: 'C3',
        extra: 1,
      });
      assert.deepEqual(!result.ok && result.problems, [
        '"extra" is not a field of this form.',
        'MFA code is not in the expected format.',
        'Downtime in minutes must be a number.',
        'Notify the ward must be yes or no.',
        'Ward must be one of: A1, B2.',
      ]);
    });

    it('should require required fields, counting blank text as missing', () => {
      assert.deepEqual(validateFormResponse(FORM, { code: '   ' }), { ok: false, problems: ['MFA code is required.'] });
      assert.deepEqual(validateFormResponse(FORM, undefined), { ok: false, problems: ['MFA code is required.'] });
    });
  });
});
