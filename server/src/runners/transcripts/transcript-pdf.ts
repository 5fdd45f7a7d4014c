import { Marked } from 'marked';
import { chromium } from 'playwright';

/** Debian's Chromium (ARCHITECTURE.md, stack notes): Playwright never downloads a browser. */
const CHROMIUM_PATH = '/usr/bin/chromium';
const PDF_TIMEOUT_MS = 30_000;

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// Raw HTML in the Markdown (a model can write anything) is shown as text, never interpreted.
const markdown = new Marked({ gfm: true, renderer: { html: ({ text }) => escapeHtml(text) } });

const STYLE = `
  body { font: 11pt/1.5 Arial, Helvetica, sans-serif; color: #212b32; margin: 0; }
  h1 { color: #005eb8; font-size: 20pt; } h2 { font-size: 14pt; margin-top: 1.5em; } h3, h4 { font-size: 11pt; }
  pre { background: #f0f4f5; padding: 8px; white-space: pre-wrap; word-break: break-word; font-size: 9pt; }
  code { font-family: 'DejaVu Sans Mono', monospace; }
  blockquote { border-left: 4px solid #005eb8; margin: 0; padding-left: 12px; color: #4c6272; }
  table { border-collapse: collapse; } td, th { border: 1px solid #d8dde0; padding: 4px 8px; }
`;

/** The Markdown as a standalone HTML page (title escaped, raw HTML neutralised). */
export async function markdownToHtml(title: string, text: string): Promise<string> {
  const body = await markdown.parse(text);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * Prints the Markdown to an A4 PDF with headless Chromium. JavaScript is off and every network
 * request is refused, so nothing in the document can run or fetch anything.
 */
export async function markdownToPdf(title: string, text: string): Promise<Buffer> {
  const html = await markdownToHtml(title, text);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: PDF_TIMEOUT_MS,
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
  } finally {
    await browser.close();
  }
}
