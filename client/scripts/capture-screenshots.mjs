// Screenshots of the built client (client/dist/browser) in Debian's Chromium, with /api mocked,
// so the look of the shell can be checked without a running server.
//
//   node client/scripts/capture-screenshots.mjs [output-directory]
//
// Writes every view to the output directory (default: client/.screenshots). The README's pictures
// (docs/images/) come from the real app instead: e2e/journeys/readme-screenshots.spec.ts.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionsForRoles, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from '@trustops/contracts';
import { chromium } from 'playwright';

const clientRoot = resolve(fileURLToPath(import.meta.url), '../..');
const browserRoot = join(clientRoot, 'dist/browser');
const outputDirectory = resolve(process.argv[2] ?? join(clientRoot, '.screenshots'));

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

// The policy the server sends (server/src/platform/http/security.ts): the build must work under it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const status = (engine) => ({
  name: 'TrustOps',
  version: '0.1.0',
  environment: 'development',
  role: 'all',
  startedAt: '2026-11-23T08:30:00.000Z',
  database: { state: 'up', source: 'embedded' },
  queues: { state: 'up', source: 'embedded' },
  modelEngine:
    engine === 'claude'
      ? { engine: 'claude', label: 'Anthropic Claude (claude-sonnet-4-5)' }
      : { engine: 'offline', label: 'Offline engine' },
});

const tenant = { id: 't-1', slug: 'northbridge', name: 'Northbridge University Hospitals', odsCode: 'RZZ' };
const otherTenant = { id: 't-2', slug: 'southmoor', name: 'Southmoor Community Trust', odsCode: 'RYY' };

const PEOPLE = {
  clinician: { id: 'u-1', displayName: 'Dr Aisha Rahman', email: 'aisha.rahman@nhs.net' },
  analyst: { id: 'u-2', displayName: 'Tom Whitaker', email: 'tom.whitaker@nhs.net' },
  operator: { id: 'u-3', displayName: 'Grace Okafor', email: 'grace.okafor@nhs.net' },
  supervisor: { id: 'u-4', displayName: 'Siobhan Murphy', email: 'siobhan.murphy@nhs.net' },
  compliance: { id: 'u-5', displayName: 'David Evans', email: 'david.evans@nhs.net' },
  admin: { id: 'u-6', displayName: 'Priya Shah', email: 'priya.shah@nhs.net' },
};

/** The session of the demo person with `role`, permissions granted as the server grants them. */
function sessionFor(role, tenants = [tenant]) {
  const person = PEOPLE[role];
  return {
    user: { ...person, roles: [role], tenantId: tenants[0].id },
    roles: [role],
    permissions: permissionsForRoles([role]),
    tenants,
    activeTenant: tenants[0],
    csrfToken: 'screenshot',
    expiresAt: '2026-11-23T20:30:00.000Z',
  };
}

const assignment = (role, source = 'identity_provider') => ({ role, source, assignedAt: '2026-11-02T09:00:00.000Z' });
const USERS = {
  items: [
    {
      ...PEOPLE.clinician,
      status: 'active',
      lastLoginAt: '2026-11-23T08:12:00.000Z',
      roles: [assignment('clinician')],
    },
    {
      ...PEOPLE.analyst,
      status: 'active',
      lastLoginAt: '2026-11-22T16:40:00.000Z',
      roles: [assignment('analyst'), assignment('ward-lead', 'admin')],
    },
    { ...PEOPLE.operator, status: 'active', lastLoginAt: '2026-11-23T07:55:00.000Z', roles: [assignment('operator')] },
    {
      ...PEOPLE.supervisor,
      status: 'active',
      lastLoginAt: '2026-11-21T13:05:00.000Z',
      roles: [assignment('supervisor'), assignment('clinician')],
    },
    {
      ...PEOPLE.compliance,
      status: 'active',
      lastLoginAt: '2026-11-20T10:30:00.000Z',
      roles: [assignment('compliance')],
    },
    { ...PEOPLE.admin, status: 'active', lastLoginAt: '2026-11-23T08:30:00.000Z', roles: [assignment('admin')] },
    {
      id: 'u-7',
      displayName: 'Jamie Patel',
      email: 'jamie.patel@nhs.net',
      status: 'active',
      lastLoginAt: null,
      roles: [],
    },
  ],
};

const ROLE_DESCRIPTIONS = {
  clinician: 'Runs guided wizards and reads their own work.',
  analyst: 'Works with workspaces, agent runners, tasks and runbooks.',
  operator: 'Handles incidents, revenue-cycle runs and batches, and answers requests for input.',
  supervisor: 'Approves or rejects decisions.',
  compliance: 'Reads the audit trail and exports evidence.',
  admin: 'Manages users, roles, tenants and settings.',
};
const ROLE_LIST = {
  items: [
    ...ROLES.map((role) => ({
      key: role,
      name: ROLE_LABELS[role],
      description: ROLE_DESCRIPTIONS[role],
      builtIn: true,
      permissions: [...ROLE_PERMISSIONS[role]],
    })),
    {
      key: 'ward-lead',
      name: 'Ward lead',
      description: 'Starts wizards for the ward and reads the audit trail.',
      builtIn: false,
      permissions: ['runs:read', 'runs:start', 'runbooks:read', 'decisions:read', 'audit:read'],
    },
  ],
};

const TOKENS = {
  items: [
    {
      id: 'k-1',
      name: 'MCP on my laptop',
      hint: 'trustops_pat_Ab3d',
      permissions: ['tasks:read', 'tasks:write', 'runs:read'],
      tenantId: tenant.id,
      createdAt: '2026-11-02T09:00:00.000Z',
      expiresAt: '2026-12-02T09:00:00.000Z',
      lastUsedAt: '2026-11-23T07:58:00.000Z',
      revokedAt: null,
    },
    {
      id: 'k-2',
      name: 'Nightly runbook import',
      hint: 'trustops_pat_Q7xe',
      permissions: ['runbooks:write'],
      tenantId: tenant.id,
      createdAt: '2026-09-01T09:00:00.000Z',
      expiresAt: '2026-10-01T09:00:00.000Z',
      lastUsedAt: '2026-09-30T02:00:00.000Z',
      revokedAt: null,
    },
    {
      id: 'k-3',
      name: 'Old CI token',
      hint: 'trustops_pat_m2Kc',
      permissions: ['runs:read'],
      tenantId: tenant.id,
      createdAt: '2026-06-10T09:00:00.000Z',
      expiresAt: '2027-06-10T09:00:00.000Z',
      lastUsedAt: null,
      revokedAt: '2026-08-01T12:00:00.000Z',
    },
  ],
};

const hash = (n) => n.toString(16).padStart(8, '0').repeat(8);
const actor = (role, type = 'person') => ({
  type,
  userId: PEOPLE[role].id,
  displayName: PEOPLE[role].displayName,
  role,
  ip: '10.20.4.17',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36',
});
function auditRecord(sequence, minutesAgo, fields) {
  return {
    id: `rec-${sequence}`,
    tenantId: tenant.id,
    sequence,
    occurredAt: new Date(Date.parse('2026-11-23T09:30:00.000Z') - minutesAgo * 60_000).toISOString(),
    outcome: 'success',
    reason: null,
    requestId: `req-${(sequence * 7919).toString(36)}`,
    before: null,
    after: null,
    previousHash: hash(sequence - 1),
    hash: hash(sequence),
    ...fields,
  };
}
const AUDIT_PAGE = {
  records: [
    auditRecord(1284, 2, {
      actor: actor('compliance'),
      action: 'audit.exported',
      resource: { type: 'audit', id: null },
      after: { format: 'fhir', records: 1283 },
    }),
    auditRecord(1283, 9, {
      actor: actor('admin'),
      action: 'role.granted',
      resource: { type: 'user', id: 'u-2' },
      after: { role: 'ward-lead' },
    }),
    auditRecord(1282, 11, {
      actor: actor('admin'),
      action: 'role.created',
      resource: { type: 'role', id: 'ward-lead' },
      after: {
        key: 'ward-lead',
        name: 'Ward lead',
        permissions: ['runs:read', 'runs:start', 'runbooks:read', 'decisions:read', 'audit:read'],
      },
    }),
    auditRecord(1281, 14, {
      actor: actor('admin'),
      action: 'role.revoked',
      resource: { type: 'user', id: 'u-4' },
      before: { role: 'operator' },
    }),
    auditRecord(1280, 22, {
      actor: actor('analyst', 'api-token'),
      action: 'api-token.created',
      resource: { type: 'api-token', id: 'k-1' },
      after: { name: 'MCP on my laptop', permissions: ['tasks:read', 'tasks:write', 'runs:read'] },
    }),
    auditRecord(1279, 25, {
      actor: { type: 'person', userId: null, displayName: null, role: null, ip: '10.20.9.3', userAgent: 'Mozilla/5.0' },
      action: 'auth.sign-in-failed',
      resource: { type: 'session', id: null },
      outcome: 'failure',
      reason: 'The identity provider refused the sign-in',
    }),
    auditRecord(1278, 31, {
      actor: actor('clinician'),
      action: 'auth.signed-in',
      resource: { type: 'user', id: 'u-1' },
    }),
    auditRecord(1277, 40, {
      actor: actor('clinician'),
      action: 'role.granted',
      resource: { type: 'user', id: 'u-6' },
      outcome: 'denied',
      reason: 'Needs the users:write permission',
      after: { role: 'admin' },
    }),
    auditRecord(1276, 55, {
      actor: { type: 'system', userId: 'scheduler', displayName: null, role: null, ip: null, userAgent: null },
      action: 'schedule.fired',
      resource: { type: 'schedule', id: 'sch-weekday-7am' },
      requestId: null,
    }),
    auditRecord(1275, 62, {
      actor: actor('supervisor'),
      action: 'session.tenant-switched',
      resource: { type: 'tenant', id: 't-1' },
      before: { tenantId: 't-2' },
    }),
  ],
  nextBeforeSequence: 1275,
};
const VERIFY_INTACT = { valid: true, checked: 1284 };
const VERIFY_BROKEN = {
  valid: false,
  checked: 1277,
  firstBrokenRecord: {
    id: 'rec-1277',
    sequence: 1277,
    reason: 'hash-mismatch',
    detail: "the record's content does not match its hash",
  },
};

const SECRET = 'trustops_pat_Zx9QvN4kR2mB7sT1wY8cL5pD3fH6jG0a';

/** Answers every /api request of a view; the rest of the page is the real build. */
async function mockApi(page, view) {
  await page.route('**/api/**', async (route) => {
    const url = new URL(route.request().url());
    const method = route.request().method();
    const path = url.pathname;
    const json = (body, status = 200) => route.fulfill({ status, json: body });
    if (path === '/api/status') {
      if (view.statusHangs) {
        return; // never answered: the card stays in its loading state
      }
      if (view.statusFails) {
        return json({ statusCode: 503, error: 'Service Unavailable', message: 'Starting', requestId: 'r' }, 503);
      }
      return json(status(view.engine));
    }
    if (path === '/api/session') {
      if (view.signedIn === 'unknown') {
        return route.fulfill({ status: 502, body: 'Bad gateway' });
      }
      if (!view.role) {
        return json({ statusCode: 401, error: 'Unauthorized', message: 'Sign in', requestId: 'r' }, 401);
      }
      return json(sessionFor(view.role, view.tenants));
    }
    if (path === '/api/admin/users') return json(USERS);
    if (path === '/api/admin/roles') return json(ROLE_LIST);
    if (path === '/api/admin/tenants') return json({ items: view.tenants ?? [tenant, otherTenant] });
    if (path === '/api/tokens' && method === 'GET') return json(TOKENS);
    if (path === '/api/tokens' && method === 'POST') {
      const body = route.request().postDataJSON();
      return json({
        token: {
          ...TOKENS.items[0],
          id: 'k-9',
          name: body.name,
          permissions: body.permissions,
          hint: SECRET.slice(0, 17),
        },
        secret: SECRET,
      });
    }
    if (path === '/api/audit/verify') return json(view.auditBroken ? VERIFY_BROKEN : VERIFY_INTACT);
    if (path === '/api/audit') return json(AUDIT_PAGE);
    return json({ statusCode: 404, error: 'Not Found', message: `No mock for ${method} ${path}`, requestId: 'r' }, 404);
  });
}

function serveStatic() {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
    let file = join(browserRoot, path);
    if (!file.startsWith(browserRoot) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(browserRoot, 'index.html');
    }
    response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/** Each view: where to go, who is signed in (`role`; none: signed out), what to do before the picture. */
const desktop = { width: 1280, height: 800 };
const narrow = { width: 390, height: 844 };
const openUserMenu = async (page) => {
  await page.locator('.user-button').click();
  await page.locator('.mat-mdc-menu-panel').waitFor();
  await page.waitForTimeout(300);
};
const createToken = async (page) => {
  await page.getByRole('button', { name: 'Create a token' }).click();
  await page.locator('mat-dialog-container').waitFor();
  await page.getByLabel('Name').fill('Ward dashboard export');
  await page.getByRole('checkbox', { name: 'See runs and their results' }).check();
  await page.getByRole('checkbox', { name: 'See delegated tasks' }).check();
};
const showSecret = async (page) => {
  await createToken(page);
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.locator('#token-secret').waitFor();
  await page.waitForTimeout(300);
};
const VIEWS = [
  { name: 'home-desktop', ...desktop, path: '/', engine: 'offline', role: 'clinician' },
  { name: 'home-desktop-claude-signed-out', ...desktop, path: '/', engine: 'claude' },
  { name: 'home-desktop-status-error', ...desktop, path: '/', statusFails: true, signedIn: 'unknown' },
  { name: 'home-desktop-loading', ...desktop, path: '/', statusHangs: true, role: 'clinician' },
  { name: 'runs-desktop', ...desktop, path: '/runs', engine: 'offline', role: 'clinician' },
  { name: 'home-narrow', ...narrow, path: '/', engine: 'offline', role: 'clinician', fullPage: true },
  { name: 'home-narrow-navigation', ...narrow, path: '/', engine: 'offline', role: 'clinician', openMenu: true },
  { name: 'incidents-narrow', ...narrow, path: '/incidents', engine: 'offline', role: 'operator', fullPage: true },
  { name: 'home-desktop-keyboard-focus', ...desktop, path: '/', engine: 'offline', role: 'clinician', tabs: 4 },
  { name: 'home-desktop-admin', ...desktop, path: '/', role: 'admin' },
  {
    name: 'user-menu-desktop',
    ...desktop,
    path: '/',
    role: 'admin',
    tenants: [tenant, otherTenant],
    before: openUserMenu,
  },
  { name: 'user-menu-narrow', ...narrow, path: '/', role: 'compliance', before: openUserMenu },
  { name: 'no-access-desktop', ...desktop, path: '/admin', role: 'clinician' },
  { name: 'no-access-narrow', ...narrow, path: '/audit', role: 'clinician', fullPage: true },
  { name: 'admin-users-desktop', ...desktop, path: '/admin/users', role: 'admin', waitFor: 'table' },
  {
    name: 'admin-users-narrow',
    ...narrow,
    path: '/admin/users',
    role: 'admin',
    waitFor: 'table',
    scrollTo: 'main table',
  },
  {
    name: 'admin-users-assign-dialog',
    ...desktop,
    path: '/admin/users',
    role: 'admin',
    waitFor: 'table',
    before: async (page) => {
      await page.getByRole('button', { name: 'Give Jamie Patel a role' }).click();
      await page.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Supervisor' }).click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: 'admin-users-revoke-dialog',
    ...desktop,
    path: '/admin/users',
    role: 'admin',
    waitFor: 'table',
    before: async (page) => {
      await page.getByRole('button', { name: 'Take away the Integration analyst role from Tom Whitaker' }).click();
      await page.locator('mat-dialog-container').waitFor();
      await page.waitForTimeout(300);
    },
  },
  {
    name: 'admin-roles-desktop-top',
    ...desktop,
    height: 900,
    path: '/admin/roles',
    role: 'admin',
    waitFor: 'table.matrix',
  },
  {
    // The matrix scrolled to the permissions compliance officers and admins hold.
    name: 'admin-roles-desktop',
    ...desktop,
    height: 900,
    path: '/admin/roles',
    role: 'admin',
    waitFor: 'table.matrix',
    before: async (page) => {
      await page.locator('.matrix-frame').evaluate((frame) => {
        const group = frame.querySelector('tbody[data-resource="decisions"]');
        const header = frame.querySelector('thead');
        frame.scrollTop = group.offsetTop - header.offsetHeight;
      });
    },
  },
  {
    name: 'admin-roles-compliance-desktop',
    ...desktop,
    path: '/admin/roles',
    role: 'compliance',
    waitFor: 'table.matrix',
  },
  { name: 'admin-roles-narrow', ...narrow, path: '/admin/roles', role: 'admin', waitFor: 'table.matrix' },
  {
    name: 'admin-roles-create-dialog',
    ...desktop,
    height: 900,
    path: '/admin/roles',
    role: 'admin',
    waitFor: 'table.matrix',
    before: async (page) => {
      await page.getByRole('button', { name: 'Create a custom role' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Ward manager');
      await page.getByRole('checkbox', { name: 'See runs and their results' }).check();
      await page.getByRole('checkbox', { name: 'Audit trail', exact: true }).check();
      await page.waitForTimeout(300);
    },
  },
  { name: 'admin-tokens-desktop', ...desktop, path: '/admin/tokens', role: 'analyst', waitFor: 'table' },
  {
    name: 'admin-tokens-create-dialog',
    ...desktop,
    path: '/admin/tokens',
    role: 'analyst',
    waitFor: 'table',
    before: createToken,
  },
  {
    name: 'admin-tokens-secret-dialog',
    ...desktop,
    path: '/admin/tokens',
    role: 'analyst',
    waitFor: 'table',
    before: showSecret,
  },
  {
    name: 'admin-tokens-secret-narrow',
    ...narrow,
    path: '/admin/tokens',
    role: 'analyst',
    waitFor: 'table',
    before: showSecret,
  },
  { name: 'admin-tenants-desktop', ...desktop, path: '/admin/tenants', role: 'admin', waitFor: 'table' },
  {
    name: 'audit-desktop',
    ...desktop,
    height: 1000,
    path: '/audit',
    role: 'compliance',
    waitFor: 'table',
  },
  { name: 'audit-desktop-broken', ...desktop, path: '/audit', role: 'compliance', waitFor: 'table', auditBroken: true },
  { name: 'audit-desktop-admin', ...desktop, path: '/audit', role: 'admin', waitFor: 'table' },
  {
    name: 'audit-narrow-records',
    ...narrow,
    path: '/audit',
    role: 'compliance',
    waitFor: 'table',
    scrollTo: '.records-header',
  },
  {
    name: 'audit-narrow',
    ...narrow,
    path: '/audit',
    role: 'compliance',
    waitFor: 'table',
    auditBroken: true,
    fullPage: true,
  },
  {
    name: 'audit-record-dialog',
    ...desktop,
    height: 900,
    path: '/audit',
    role: 'compliance',
    waitFor: 'table',
    before: async (page) => {
      await page.getByRole('button', { name: /record 1283, show details/ }).click();
      await page.locator('mat-dialog-container').waitFor();
      await page.waitForTimeout(300);
    },
  },
  {
    name: 'audit-record-dialog-technical',
    ...desktop,
    height: 900,
    path: '/audit',
    role: 'compliance',
    waitFor: 'table',
    before: async (page) => {
      await page.getByRole('button', { name: /record 1282, show details/ }).click();
      await page.getByRole('button', { name: /Show technical details/ }).click();
      await page.waitForTimeout(300);
    },
  },
];

/**
 * Runs in the page: every visible element with its own text whose colour against the background
 * behind it is under WCAG AA (4.5:1, or 3:1 for large text).
 */
function findLowContrastText() {
  const parse = (colour) => {
    const match = /rgba?\(([^)]+)\)/.exec(colour);
    if (!match) {
      return null;
    }
    const [r, g, b, a = 1] = match[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const backgroundOf = (element) => {
    for (let current = element; current; current = current.parentElement) {
      const colour = parse(getComputedStyle(current).backgroundColor);
      if (colour && colour.a > 0.5) {
        return colour;
      }
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const failures = [];
  for (const element of document.querySelectorAll('body *')) {
    const ownText = [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent.trim())
      .join(' ')
      .trim();
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!ownText || rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') {
      continue;
    }
    const foreground = parse(style.color);
    if (!foreground) {
      failures.push(`${element.tagName.toLowerCase()} "${ownText.slice(0, 40)}": colour ${style.color} not checked`);
      continue;
    }
    const [lighter, darker] = [luminance(foreground), luminance(backgroundOf(element))].sort((x, y) => y - x);
    const ratio = (lighter + 0.05) / (darker + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) {
      failures.push(`${element.tagName.toLowerCase()} "${ownText.slice(0, 40)}": ${ratio.toFixed(2)}:1`);
    }
  }
  return failures;
}

const server = await serveStatic();
const { port } = server.address();
mkdirSync(outputDirectory, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failures = 0;
try {
  for (const view of VIEWS) {
    // As NHS staff see it: British English and UK time. (Headless Chromium still draws the empty
    // date inputs as mm/dd/yyyy; a browser set to English (UK) shows dd/mm/yyyy.)
    const page = await browser.newPage({
      viewport: { width: view.width, height: view.height },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('status of 401')) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.setDefaultTimeout(10_000);

    await mockApi(page, view);
    let lowContrast = [];
    try {
      await page.goto(`http://127.0.0.1:${port}${view.path}`);
      await page.locator('main h1').waitFor();
      if (!view.statusHangs && view.path === '/') {
        await page.locator('[data-testid="status-loaded"], [data-testid="status-error"]').waitFor();
      }
      if (view.waitFor) {
        await page.locator(`main ${view.waitFor}`).first().waitFor();
      }
      if (view.before) {
        await view.before(page);
      }
      if (view.scrollTo) {
        await page
          .locator(view.scrollTo)
          .first()
          .evaluate((element) => element.scrollIntoView({ block: 'start' }));
      }
      if (view.openMenu) {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.locator('mat-sidenav.mat-drawer-opened').waitFor();
        await page.waitForTimeout(400);
      }
      for (let index = 0; index < (view.tabs ?? 0); index++) {
        await page.keyboard.press('Tab');
      }
      await page.waitForTimeout(200);
      lowContrast = view.openMenu ? [] : await page.evaluate(findLowContrastText);
      const file = join(outputDirectory, `${view.name}.png`);
      await page.screenshot({ path: file, fullPage: view.fullPage ?? false });
      console.log(`${view.name}: ${file}`);
    } catch (error) {
      failures++;
      console.log(`${view.name}: FAILED: ${error.message.split('\n')[0]}`);
    }
    for (const problem of problems) {
      console.log(`  console error: ${problem}`);
    }
    for (const text of lowContrast) {
      console.log(`  low contrast: ${text}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failures > 0 ? 1 : 0;
