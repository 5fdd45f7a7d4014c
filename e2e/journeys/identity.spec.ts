import { expect, test } from '../fixtures/test.ts';
import { accountButton, signInAs, signOutThroughMenu } from '../support/sign-in.ts';

test.describe('Signing in and out', () => {
  test('should sign a demonstration person in through the development identity provider, and out again', async ({
    page,
  }) => {
    await signInAs(page, 'supervisor');
    await expect(accountButton(page, 'supervisor')).toBeVisible();
    await signOutThroughMenu(page, 'supervisor');
  });
});
