export * from './error-body.js';
export * from './platform-status.js';
export * from './roles.js';
