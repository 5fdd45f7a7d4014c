/**
 * Finds function (and method) definitions in source code by their shape, for the languages
 * integration code is usually written in. Not a parser: good enough to say which function a
 * line belongs to.
 */

export interface FunctionDefinition {
  name: string;
  /** First line of the definition, including decorators/annotations above it. */
  startLine: number;
  /** The line with the name. */
  line: number;
  /** Last line (the line before the next definition, or the end of the file). */
  endLine: number;
}

const NOT_FUNCTIONS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'else',
  'do',
  'try',
  'with',
  'new',
  'typeof',
  'await',
  'super',
  'this',
  'constructor',
  'require',
  'import',
]);

const JAVASCRIPT_PATTERNS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)/,
  /^\s*(?:exports|module\.exports)\.([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\()/,
  /^\s+(?:(?:public|private|protected|static|async|override|readonly)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::\s*[^{;]+)?\{\s*$/,
];
const PYTHON_PATTERN = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const JVM_PATTERN =
  /^\s*(?:(?:public|private|protected|internal|static|final|override|async|virtual|synchronized)\s+)+[\w<>[\],.?\s]+?\s+([A-Za-z_]\w*)\s*\([^;]*$/;
const DECORATOR = /^\s*@[\w.]+/;

export function findFunctions(lines: readonly string[], language: string): FunctionDefinition[] {
  const patterns =
    language === 'Python'
      ? [PYTHON_PATTERN]
      : language === 'Java' ||
          language === 'C#' ||
          language === 'Kotlin' ||
          language === 'Scala' ||
          language === 'Groovy'
        ? [JVM_PATTERN]
        : language === 'JavaScript' || language === 'TypeScript' || language === 'XML'
          ? JAVASCRIPT_PATTERNS
          : [];
  const definitions: FunctionDefinition[] = [];
  lines.forEach((text, index) => {
    for (const pattern of patterns) {
      const name = pattern.exec(text)?.[1];
      if (!name || NOT_FUNCTIONS.has(name)) continue;
      let startLine = index + 1;
      while (startLine > 1 && DECORATOR.test(lines[startLine - 2] ?? '')) startLine -= 1;
      definitions.push({ name, startLine, line: index + 1, endLine: lines.length });
      break;
    }
  });
  for (let index = 0; index < definitions.length - 1; index += 1) {
    const current = definitions[index];
    const next = definitions[index + 1];
    if (!current || !next) continue;
    // The comment above the next definition documents that one, not this one.
    let end = next.startLine - 1;
    while (end > current.line && /^\s*(\*|\/\*|\/\/|#|$)/.test(lines[end - 1] ?? '')) end -= 1;
    current.endLine = Math.max(current.line, end);
  }
  return definitions;
}

/** The first sentence of the file's leading documentation comment or docstring, if any. */
export function leadingDocumentation(lines: readonly string[]): string | undefined {
  const text = lines.slice(0, 80).join('\n');
  const block = /\/\*\*?([\s\S]*?)\*\//.exec(text) ?? /^\s*(?:[rRuU]?"""|''')([\s\S]*?)(?:"""|''')/m.exec(text);
  let body = block?.[1];
  if (!body) {
    const comments: string[] = [];
    for (const line of lines.slice(0, 30)) {
      const comment = /^\s*(?:\/\/|#(?!!))\s?(.*)$/.exec(line);
      if (comment) comments.push(comment[1] ?? '');
      else if (
        comments.length > 0 ||
        (line.trim() &&
          !/^['"]use strict['"]/.test(line.trim()) &&
          !/^(import|const|from|package|using|require)\b/.test(line.trim()))
      )
        break;
    }
    body = comments.join(' ');
  }
  const cleaned = body
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => !line.startsWith('@'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length < 12) return undefined;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(cleaned)?.[1] ?? cleaned;
  return sentence.length > 220 ? `${sentence.slice(0, 217)}...` : sentence;
}

/** Names called on this line: `mapPatient(`, `self.send(`, `routeMessage (`. */
export function callsIn(line: string): string[] {
  const names: string[] = [];
  for (const match of line.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
    const name = match[1] ?? '';
    if (!NOT_FUNCTIONS.has(name)) names.push(name);
  }
  // Functions passed by name: `.map(mapObservation)`, `.then(sendToEpr)`.
  for (const match of line.matchAll(/\.(?:map|flatMap|forEach|then|filter|reduce)\(\s*([A-Za-z_$][\w$]*)\s*\)/g))
    names.push(match[1] ?? '');
  return names;
}
