import { startAuthTestApp, type AuthTestApp } from '../../auth/testing/auth-test-app.js';
import { signIn } from '../../auth/testing/sign-in.js';
import { TestBrowser } from '../../auth/testing/test-browser.js';
import { RunsApi } from './runs-api.js';

/**
 * The engine's integration tests' app: every test step type registered, an analyst signed in
 * through the API, and the runbooks given saved.
 */
export async function startRunsTestApp(runbooks: readonly string[]): Promise<{ testApp: AuthTestApp; api: RunsApi }> {
  const testApp = await startAuthTestApp({ env: { TEST_STEP_TYPES: 'all', LOG_LEVEL: 'warn' } });
  const browser = new TestBrowser(testApp.url);
  const api = new RunsApi(browser, await signIn(browser, 'analyst'));
  for (const yaml of runbooks) await api.saveRunbook(yaml);
  return { testApp, api };
}
