export { analyseWorkspace } from './analyse-workspace.js';
export type * from './analysis.types.js';
