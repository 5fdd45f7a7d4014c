import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';

const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

/**
 * A picture of the whole page at rest, kept with the results; with `UPDATE_README_IMAGES=1` it
 * also refreshes docs/images/<docsName>. The window is made tall enough for the page's content,
 * because the app scrolls inside its layout rather than the document.
 */
export async function pagePicture(page: Page, testInfo: TestInfo, name: string, docsName?: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.querySelector('main')?.scrollTo(0, 0);
  });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const contentHeight = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(2400, Math.max(viewport.height, contentHeight + 80)),
  });
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, animations: 'disabled' });
  await page.setViewportSize(viewport);
  if (docsName && process.env['UPDATE_README_IMAGES'] === '1') copyFileSync(path, `${DOCS_IMAGES}${docsName}`);
}
