/**
 * The runbook format as JSON Schema (draft-07), for editors (YAML language servers) and other
 * tools. `parseRunbook` is the authority: it also checks what a schema cannot express (unique
 * step ids, needs that exist, cycles, depth, references in conditions and templates).
 */
import { RUNBOOK_LIMITS } from './limits.js';

const DURATION = {
  type: 'string',
  pattern: '^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$',
  minLength: 2,
  description: 'A duration such as 30s, 5m, 4h, 2d or 1h30m.',
} as const;

const NAME = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: RUNBOOK_LIMITS.maxIdLength } as const;

export const runbookJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://trustops.nhs.uk/schemas/runbook.json',
  title: 'TrustOps runbook',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'steps'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: RUNBOOK_LIMITS.maxIdLength },
    version: { type: 'integer', minimum: 1 },
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    inputs: {
      type: 'object',
      maxProperties: RUNBOOK_LIMITS.maxInputs,
      propertyNames: NAME,
      additionalProperties: { $ref: '#/definitions/input' },
    },
    steps: { type: 'array', minItems: 1, maxItems: RUNBOOK_LIMITS.maxSteps, items: { $ref: '#/definitions/step' } },
    outputs: {
      type: 'object',
      maxProperties: RUNBOOK_LIMITS.maxOutputs,
      propertyNames: NAME,
      additionalProperties: {
        oneOf: [
          { type: 'string' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['value'],
            properties: { value: { type: 'string' }, label: { type: 'string' } },
          },
        ],
      },
    },
  },
  definitions: {
    duration: DURATION,
    input: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: ['string', 'text', 'number', 'boolean', 'enum', 'date', 'workspace', 'file'] },
        label: { type: 'string' },
        help: { type: 'string' },
        required: { type: 'boolean' },
        default: { type: ['string', 'number', 'boolean'] },
        options: {
          type: 'array',
          minItems: 1,
          items: {
            oneOf: [
              { type: ['string', 'number', 'boolean'] },
              {
                type: 'object',
                additionalProperties: false,
                required: ['value'],
                properties: { value: { type: ['string', 'number', 'boolean'] }, label: { type: 'string' } },
              },
            ],
          },
        },
        minLength: { type: 'integer', minimum: 0 },
        maxLength: { type: 'integer', minimum: 0 },
        pattern: { type: 'string', maxLength: RUNBOOK_LIMITS.maxPatternLength },
        patternMessage: { type: 'string' },
        min: { type: 'number' },
        max: { type: 'number' },
        group: { type: 'string' },
      },
    },
    step: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'type'],
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$', maxLength: RUNBOOK_LIMITS.maxIdLength },
        type: { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' },
        title: { type: 'string' },
        with: { type: 'object' },
        needs: {
          oneOf: [
            { type: 'string' },
            { type: 'array', maxItems: RUNBOOK_LIMITS.maxNeedsPerStep, uniqueItems: true, items: { type: 'string' } },
          ],
        },
        when: { type: 'string', minLength: 1, maxLength: RUNBOOK_LIMITS.maxExpressionLength },
        retry: {
          type: 'object',
          additionalProperties: false,
          required: ['attempts'],
          properties: {
            attempts: { type: 'integer', minimum: 1, maximum: RUNBOOK_LIMITS.maxRetryAttempts },
            backoff: { $ref: '#/definitions/duration' },
            strategy: { enum: ['fixed', 'exponential'] },
          },
        },
        timeout: { $ref: '#/definitions/duration' },
        approval: {
          type: 'object',
          additionalProperties: false,
          properties: {
            policy: { enum: ['auto', 'require_one', 'require_two'] },
            roles: { type: 'array', items: { type: 'string' } },
            sla: { $ref: '#/definitions/duration' },
            onTimeout: { enum: ['fail', 'continue'] },
          },
        },
      },
    },
  },
} as const;
