import type { RunnerUsage } from '../runner.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Writing the prompt cache (5-minute entries). */
  cacheWrite: number;
  cacheRead: number;
}

/**
 * Anthropic's list prices (USD per million tokens, 5-minute cache writes), from the model pages
 * at https://platform.claude.com/docs/about-claude/models (checked 2026-12-02). A model missing
 * here still works; its cost is recorded as unknown (null) rather than guessed. Haiku 5.5 is
 * priced in bands by prompt length: the lower band is listed. Add a line when a deployment uses
 * another model.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 },
  'claude-opus-4-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

/**
 * The price of `model`: an exact entry, or the entry its dated id belongs to
 * (`claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`).
 */
export function priceOf(model: string): ModelPrice | null {
  const exact = MODEL_PRICES[model];
  if (exact) return exact;
  const undated = model.replace(/-(\d{8}|latest)$/, '');
  return MODEL_PRICES[undated] ?? null;
}

/** The cost of `usage` in US dollars, or null when the model's price is unknown. */
export function costOf(usage: Omit<RunnerUsage, 'costUsd'>): number | null {
  const price = priceOf(usage.model);
  if (!price) return null;
  const dollars =
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheCreationInputTokens * price.cacheWrite +
      usage.cacheReadInputTokens * price.cacheRead) /
    1_000_000;
  // Micro-dollar precision: enough for per-call figures, stable in JSON.
  return Math.round(dollars * 1_000_000) / 1_000_000;
}
