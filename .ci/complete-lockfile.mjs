// Keeps package-lock.json installable by `npm ci` on every platform.
//
// The npm registry mirror our machines use serves only some platforms' builds of packages that
// ship native binaries as optional dependencies (oxc-parser, msgpackr-extract, ...): the macOS,
// Windows, Android and other builds answer 404. npm then leaves them out of package-lock.json,
// and `npm ci` refuses the lock file ("Missing: @oxc-parser/binding-darwin-arm64@ from lock file").
// This adds an entry for each missing platform package, with the os/cpu/libc its name declares, so
// that npm skips it on other platforms and fetches it by version where it applies.
//
//   node .ci/complete-lockfile.mjs           add what is missing (run by the root postinstall)
//   node .ci/complete-lockfile.mjs --check   exit 1 if anything is missing (run by .ci/run)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const check = process.argv.includes('--check');
const lock = JSON.parse(readFileSync(file, 'utf8'));

const OPERATING_SYSTEMS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openharmony',
  'win32',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
// Longest first, so that `arm64` wins over `arm`.
const CPUS = ['mips64el', 'riscv64', 'loong64', 'wasm32', 'arm64', 's390x', 'ppc64', 'ia32', 'x64', 'arm'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OPERATING_SYSTEMS.find((candidate) => parts.includes(candidate));
  const cpu = CPUS.find((candidate) => parts.includes(candidate));
  const last = parts.at(-1);
  const libc = ['gnu', 'gnueabihf'].includes(last)
    ? 'glibc'
    : ['musl', 'musleabihf'].includes(last)
      ? 'musl'
      : undefined;
  return { os, cpu, libc };
}

const missing = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // npm looks for a dependency beside its dependant, then in each node_modules above it.
    const candidates = [];
    for (let base = path; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      candidates.push(`${base ? `${base}/` : ''}node_modules/${name}`);
      if (base === '') break;
    }
    if (candidates.some((candidate) => lock.packages[candidate])) continue;
    if (missing.some((item) => item.name === name)) continue;
    missing.push({ name, version, dev: entry.dev === true, ...platformOf(name) });
  }
}

if (missing.length === 0) process.exit(0);
if (check) {
  console.error(`package-lock.json lacks ${missing.length} platform package(s) that \`npm ci\` insists on:`);
  for (const item of missing) console.error(`  ${item.name}@${item.version}`);
  console.error('Run `node .ci/complete-lockfile.mjs` (npm install runs it for you) and commit package-lock.json.');
  process.exit(1);
}

const unknown = missing.filter((item) => item.os === undefined && item.cpu === undefined);
for (const item of unknown) {
  console.error(`complete-lockfile: cannot tell which platform ${item.name} is for; left out`);
}
for (const { name, version, dev, os, cpu, libc } of missing) {
  if (os === undefined && cpu === undefined) continue;
  lock.packages[`node_modules/${name}`] = {
    version,
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(dev ? { dev: true } : {}),
    ...(libc ? { libc: [libc] } : {}),
    optional: true,
    ...(os ? { os: [os] } : {}),
  };
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${missing.length - unknown.length} platform package(s) to package-lock.json`);
