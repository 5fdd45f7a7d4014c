import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Markdown written by runbooks and agents (a decision's context) as safe HTML: rendered by
 * `marked`, then cleaned by DOMPurify so that nothing in it can run script or load other pages'
 * forms. Angular's own sanitiser checks it again where it is bound.
 */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'] });
}
