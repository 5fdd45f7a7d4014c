import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';

const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

export interface PagePictureOptions {
  /**
   * 'content' (the default) makes the window tall enough for the page's content, because the app
   * scrolls inside its layout rather than the document; 'window' keeps the window as it is, for
   * pictures that must all be the same size (the README's).
   */
  viewport?: 'content' | 'window';
}

/**
 * A picture of the page at rest (no pointer hover, no caret, scrolled to the top), kept with the
 * results and attached to the report; with `UPDATE_README_IMAGES=1` it also refreshes
 * docs/images/<docsName>.
 */
export async function pagePicture(
  page: Page,
  testInfo: TestInfo,
  name: string,
  docsName?: string,
  { viewport: fit = 'content' }: PagePictureOptions = {},
): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await scrollToTop(page);
  const path = testInfo.outputPath(name);
  if (fit === 'content') {
    const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
    const contentHeight = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(2400, Math.max(viewport.height, contentHeight + 80)),
    });
    // A taller window can leave the layout scrolled by what the shorter one had to scroll.
    await scrollToTop(page);
    await page.screenshot({ path, animations: 'disabled' });
    await page.setViewportSize(viewport);
  } else {
    await page.screenshot({ path, animations: 'disabled' });
  }
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (docsName && process.env['UPDATE_README_IMAGES'] === '1') copyFileSync(path, `${DOCS_IMAGES}${docsName}`);
}

/** Everything that can scroll, back at its top (the document, the layout's main, any panel). */
async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const element of [document.scrollingElement, ...document.querySelectorAll('*')]) {
      if (element && element.scrollTop > 0) element.scrollTop = 0;
    }
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  });
}
