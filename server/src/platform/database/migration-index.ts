/**
 * `migrations/src/index.ts` with one more migration: its import after the last import, and its
 * class at the end of the `migrations` array (one per line).
 */
export function addMigrationToIndex(source: string, className: string, fileName: string): string {
  const importLine = `import { ${className} } from './${fileName}.js';\n`;
  const lastImport = [...source.matchAll(/^import .*;\n/gm)].at(-1);
  const at = lastImport ? lastImport.index + lastImport[0].length : 0;
  const withImport = source.slice(0, at) + importLine + source.slice(at);
  const list = /(export const migrations\b[\s\S]*?= \[)([\s\S]*?)(\];)/;
  if (!list.test(withImport)) throw new Error('migrations/src/index.ts has no `export const migrations = [...]`');
  return withImport.replace(list, (_match, start: string, items: string, end: string) => {
    const entries = items
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    return `${start}\n${[...entries, className].map((entry) => `  ${entry},`).join('\n')}\n${end}`;
  });
}
