import type { PreviewPromptTemplateResponse, PromptTemplateVariable } from '@trustops/contracts';

/** `{{ name }}` with optional spaces; names are letters, digits and underscores. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a template body uses, in order of first use. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/**
 * Fills a template: each placeholder takes its value, else the variable's default, else stays
 * empty and is reported as missing when the variable is required. Values are inserted as they
 * are (never re-scanned), so a value containing `{{ x }}` cannot pull in another variable.
 */
export function renderPromptTemplate(
  body: string,
  variables: PromptTemplateVariable[],
  values: Record<string, string>,
): PreviewPromptTemplateResponse {
  const declared = new Map(variables.map((variable) => [variable.name, variable]));
  const missing = new Set<string>();
  const rendered = body.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name] ?? declared.get(name)?.default;
    if (value === undefined || value === '') {
      if (declared.get(name)?.required !== false) missing.add(name);
      return '';
    }
    return value;
  });
  const used = new Set(placeholdersOf(body));
  return { rendered, missing: [...missing], unused: Object.keys(values).filter((name) => !used.has(name)) };
}

/** The declared variables plus any the body uses without declaring (as required, no default). */
export function completeVariables(body: string, variables: PromptTemplateVariable[]): PromptTemplateVariable[] {
  const declared = new Set(variables.map((variable) => variable.name));
  return [
    ...variables,
    ...placeholdersOf(body)
      .filter((name) => !declared.has(name))
      .map((name) => ({ name, required: true })),
  ];
}
