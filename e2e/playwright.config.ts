import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { defineConfig } from '@playwright/test';

// Playwright loads this file in its main process and again in every worker. The port is chosen
// once, in the main process, and handed to the workers through the environment they inherit.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
process.env['E2E_PORT'] ??= String(await freePort());
// The run's scratch database, named here for the same reason: journeys that arrange data the
// interface cannot create (support/database.ts) must reach the database the server uses.
process.env['E2E_DATABASE_NAME'] ??= `trustops_e2e_${randomBytes(4).toString('hex')}`;
const baseURL = `http://127.0.0.1:${process.env['E2E_PORT']}`;
const outputDir = new URL('./test-results/', import.meta.url).pathname;

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './journeys',
  outputDir,
  // The journeys share one server and one database; on two cores, one browser at a time is fastest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are never used.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: 'node support/serve-app.ts',
    url: `${baseURL}/health/ready`,
    env: { E2E_SERVER_LOG: `${outputDir}server.log` },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
