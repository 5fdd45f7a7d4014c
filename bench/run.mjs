// `npm run bench -- NAME [ARGS...]`: builds the server, then runs bench/NAME/run.mjs and checks
// that it ended with its `ratio: <number>` line. `npm run bench` alone lists the benches.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const benches = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${benchDir}${entry.name}/run.mjs`))
  .map((entry) => entry.name)
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !benches.includes(name)) {
  if (name !== undefined) console.error(`No bench called "${name}".`);
  console.error(`Usage: npm run bench -- NAME\nBenches: ${benches.join(', ') || '(none yet)'}`);
  process.exit(name === undefined ? 0 : 2);
}

// tsc -b follows the server's project references, so contracts and migrations are built too.
console.error('bench: building the server (tsc -b server/tsconfig.json)');
const build = spawnSync('tsc', ['-b', 'server/tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.error(`bench: running bench/${name}/run.mjs`);
let lastRatio;
const child = spawn(process.execPath, ['--enable-source-maps', `bench/${name}/run.mjs`, ...args], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^ratio: (\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/.exec(line);
    if (match) lastRatio = Number(match[1]);
  }
});
const code = await new Promise((resolve) => child.once('close', (exitCode) => resolve(exitCode ?? 1)));
if (/^ratio: /.test(pending)) lastRatio = Number(pending.slice('ratio: '.length));
if (code !== 0) process.exit(code);
if (lastRatio === undefined || !Number.isFinite(lastRatio)) {
  console.error(`bench: bench/${name}/run.mjs finished without a "ratio: <number>" line`);
  process.exit(1);
}
