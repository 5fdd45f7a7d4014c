import path from 'node:path';

/** What kind of file this is for the analyser: code is read for handlers, config for endpoints. */
export type FileCategory = 'code' | 'config' | 'sample' | 'test' | 'documentation' | 'other';

const LANGUAGES: Record<string, string> = {
  '.js': 'JavaScript',
  '.cjs': 'JavaScript',
  '.mjs': 'JavaScript',
  '.jsx': 'JavaScript',
  '.ts': 'TypeScript',
  '.mts': 'TypeScript',
  '.cts': 'TypeScript',
  '.tsx': 'TypeScript',
  '.py': 'Python',
  '.java': 'Java',
  '.cs': 'C#',
  '.go': 'Go',
  '.rb': 'Ruby',
  '.php': 'PHP',
  '.kt': 'Kotlin',
  '.scala': 'Scala',
  '.groovy': 'Groovy',
  '.cls': 'ObjectScript',
  '.sql': 'SQL',
  '.sh': 'Shell',
  '.ps1': 'PowerShell',
  '.xml': 'XML',
  '.xsl': 'XSLT',
  '.xslt': 'XSLT',
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.yml': 'YAML',
  '.toml': 'TOML',
  '.ini': 'INI',
  '.cfg': 'INI',
  '.conf': 'Config',
  '.properties': 'Properties',
  '.env': 'Env',
  '.hl7': 'HL7 v2',
  '.er7': 'HL7 v2',
  '.md': 'Markdown',
  '.txt': 'Text',
  '.rst': 'reStructuredText',
  '.adoc': 'AsciiDoc',
  '.html': 'HTML',
  '.csv': 'CSV',
};

const CODE = new Set([
  'ObjectScript',
  'JavaScript',
  'TypeScript',
  'Python',
  'Java',
  'C#',
  'Go',
  'Ruby',
  'PHP',
  'Kotlin',
  'Scala',
  'Groovy',
  'SQL',
  'Shell',
  'PowerShell',
  'XSLT',
]);
const CONFIG = new Set(['XML', 'JSON', 'YAML', 'TOML', 'INI', 'Config', 'Properties', 'Env']);
const DOCUMENTATION = new Set(['Markdown', 'reStructuredText', 'AsciiDoc', 'HTML']);

/** Files that are never worth reading: lock files and generated maps. */
const SKIPPED_NAMES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'poetry.lock',
  'Pipfile.lock',
  'composer.lock',
]);

export function languageOf(filePath: string): string | undefined {
  const base = path.posix.basename(filePath);
  if (base === 'Dockerfile') return 'Dockerfile';
  if (base.startsWith('.env')) return 'Env';
  return LANGUAGES[path.posix.extname(base).toLowerCase()];
}

export function isSkippedFile(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return SKIPPED_NAMES.has(base) || base.endsWith('.map') || base.endsWith('.min.js');
}

/** `text` is the file's content: an HL7 message in a .txt file is a sample, not documentation. */
export function categoryOf(filePath: string, language: string, text: string): FileCategory {
  if (language === 'HL7 v2' || /^\s*MSH\|/.test(text)) return 'sample';
  const lower = filePath.toLowerCase();
  const base = path.posix.basename(lower);
  if (
    /(^|\/)(tests?|__tests__|spec|specs)\//.test(lower) ||
    /\.(test|spec)\.[a-z]+$/.test(base) ||
    /^test_.*\.py$|_test\.(py|go)$|tests?\.(cs|java)$/.test(base)
  ) {
    return 'test';
  }
  if (CODE.has(language)) return 'code';
  if (CONFIG.has(language)) return base === 'package.json' || base === 'tsconfig.json' ? 'other' : 'config';
  if (DOCUMENTATION.has(language)) return 'documentation';
  return 'other';
}

/** True when the bytes look like a binary file (a NUL in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 8192);
  for (let index = 0; index < length; index += 1) if (bytes[index] === 0) return true;
  return false;
}
