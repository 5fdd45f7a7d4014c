export * from './error-body.js';
export * from './platform-status.js';
export * from './roles.js';
export * from './session.js';
export * from './permissions.js';
export * from './access-control.js';
export * from './api-tokens.js';
export * from './audit.js';
