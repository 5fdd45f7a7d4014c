import { expect, test } from '../fixtures/test.ts';

test.describe('Home', () => {
  test('should show the TrustOps shell and a healthy platform', async ({ page }, testInfo) => {
    await page.goto('/');

    await expect(page).toHaveTitle(/TrustOps/);
    await expect(page.getByRole('banner').getByRole('link', { name: 'TrustOps' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');

    const status = page.getByRole('heading', { name: 'Platform status' }).locator('xpath=ancestor::mat-card');
    await expect(status.getByTestId('status-database')).toContainText('Working');
    await expect(status.getByTestId('status-queues')).toContainText('Working');
    await expect(status.getByTestId('status-engine')).toContainText('Offline analysis engine');

    await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
  });

  test('should let a keyboard user skip to the content', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skipLink).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('should let a keyboard user reach every area in the navigation', async ({ page }) => {
    await page.goto('/');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    const areaLinks = navigation.getByRole('link');
    await expect(areaLinks.first()).toBeVisible();
    const areaCount = await areaLinks.count();

    // Tab through the page as someone without a mouse would, noting each area link that gets focus.
    const reached = new Set<string>();
    for (let presses = 0; presses < areaCount + 15 && reached.size < areaCount; presses++) {
      await page.keyboard.press('Tab');
      const focusedArea = await navigation.evaluate((element) => {
        const focused = document.activeElement;
        return focused instanceof HTMLAnchorElement && element.contains(focused) ? focused.href : null;
      });
      if (focusedArea !== null) reached.add(focusedArea);
    }
    expect(reached.size, 'area links reached with Tab').toBe(areaCount);
  });
});
