export * from './types.js';
export * from './limits.js';
export * from './duration.js';
export * from './expression.js';
export * from './template.js';
export * from './dag.js';
export * from './inputs.js';
export { formatProblem, parseRunbook, type ParseRunbookOptions } from './parse-runbook.js';
export { runbookJsonSchema } from './runbook-json-schema.js';
