import hljs from 'highlight.js/lib/common';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

/**
 * A file's text as highlighted HTML, one `<span class="line">` per line for the line numbers.
 * highlight.js escapes the text itself, so the markup holds nothing from the file but text; a
 * language it does not know is escaped here and shown plain.
 */
export function highlightLines(text: string, language: string | null): string[] {
  const html =
    language && language !== 'plaintext' && hljs.getLanguage(language)
      ? hljs.highlight(text, { language, ignoreIllegals: true }).value
      : escapeHtml(text);
  return splitHighlightedLines(html);
}

/** Splits highlighted HTML into lines, closing spans open at a line break and reopening them on the next line. */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  let open: string[] = [];
  for (const raw of html.split('\n')) {
    const stack = [...open];
    for (const match of raw.matchAll(/<span[^>]*>|<\/span>/g)) {
      if (match[0] === '</span>') stack.pop();
      else stack.push(match[0]);
    }
    lines.push(open.join('') + raw + '</span>'.repeat(stack.length));
    open = stack;
  }
  return lines;
}
