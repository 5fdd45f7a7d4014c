/**
 * Hard limits on what a runbook may contain. They keep a definition small enough to read, to
 * render as a diagram and to schedule cheaply, and they stop a hostile or runaway file (a YAML
 * bomb, thousands of steps) before it reaches the engine.
 */
export const RUNBOOK_LIMITS = {
  /** Size of the YAML text, in bytes (UTF-8). */
  maxYamlBytes: 256 * 1024,
  maxSteps: 200,
  /** Longest chain of `needs` (a runbook with no dependencies has depth 1). */
  maxDepth: 50,
  maxInputs: 100,
  maxOutputs: 100,
  maxNeedsPerStep: 50,
  maxIdLength: 64,
  /** Characters in one `when` expression or one `{{ }}` template. */
  maxExpressionLength: 1000,
  /** Nesting of parentheses and lists in one expression. */
  maxExpressionDepth: 32,
  maxRetryAttempts: 20,
  /** YAML aliases expanded in one document (guards against "billion laughs"). */
  maxAliases: 100,
  /** Characters in an input's validation `pattern`. */
  maxPatternLength: 500,
} as const;

export type RunbookLimits = typeof RUNBOOK_LIMITS;
