/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A complete, self-contained page in NHS colours for the few screens the server renders itself
 * (the development sign-in, sign-in failures). No scripts, so it works under a strict CSP.
 */
export function renderPage(options: { title: string; body: string; banner?: string }): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} – TrustOps</title>
<style>
  :root { --nhs-blue: #005eb8; --nhs-dark-blue: #003087; --nhs-text: #212b32; --nhs-secondary: #4c6272; --nhs-grey: #f0f4f5; --nhs-yellow: #ffeb3b; --nhs-warm-yellow: #ffb81c; --nhs-red: #d5281b; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: var(--nhs-text); background: var(--nhs-grey); line-height: 1.5; }
  header { background: var(--nhs-blue); color: #fff; padding: 16px 24px; }
  header .brand { font-weight: 700; font-size: 1.5rem; }
  .banner { background: var(--nhs-warm-yellow); color: var(--nhs-text); padding: 12px 24px; font-weight: 700; border-bottom: 4px solid var(--nhs-text); }
  main { max-width: 760px; margin: 32px auto; padding: 0 24px; }
  h1 { font-size: 2rem; margin: 0 0 16px; }
  .card { background: #fff; border-bottom: 4px solid #d8dde0; padding: 24px; margin-bottom: 24px; }
  .people { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
  .person { width: 100%; text-align: left; background: #fff; color: var(--nhs-text); border: 2px solid var(--nhs-blue); border-radius: 4px; padding: 12px 16px; font: inherit; cursor: pointer; }
  .person:hover { background: #e8f1fa; }
  .person strong { display: block; font-size: 1.1875rem; color: var(--nhs-blue); }
  .person span { display: block; color: var(--nhs-secondary); }
  .button { display: inline-block; background: var(--nhs-blue); color: #fff; border: 0; border-radius: 4px; padding: 12px 16px; font: inherit; font-weight: 700; text-decoration: none; cursor: pointer; box-shadow: 0 4px 0 var(--nhs-dark-blue); }
  .button.secondary { background: var(--nhs-secondary); box-shadow: 0 4px 0 #263139; }
  .error { border-left: 8px solid var(--nhs-red); }
  :focus-visible { outline: 4px solid var(--nhs-yellow); outline-offset: 0; box-shadow: 0 4px 0 var(--nhs-text); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
</head>
<body>
<header><span class="brand">TrustOps</span></header>
${options.banner ? `<div class="banner" role="note">${escapeHtml(options.banner)}</div>` : ''}
<main id="main-content">
${options.body}
</main>
</body>
</html>`;
}
