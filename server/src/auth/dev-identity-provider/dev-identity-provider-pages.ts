import { ROLE_LABELS } from '@trustops/contracts';
import { escapeHtml, renderPage } from '../html-page.js';
import type { DemoUser } from './demo-users.js';

export const DEVELOPMENT_BANNER = 'Development sign-in — not for real patient data';

export function renderLoginPage(options: {
  users: readonly DemoUser[];
  loginAction: string;
  abortAction: string;
}): string {
  const people = options.users
    .map((user) => {
      const role = user.role ? ROLE_LABELS[user.role] : 'No TrustOps role';
      return `<li><button class="person" type="submit" name="subject" value="${escapeHtml(user.subject)}">
<strong>${escapeHtml(user.name)}</strong>
<span>${escapeHtml(role)} · ${escapeHtml(user.jobTitle)}</span>
</button></li>`;
    })
    .join('\n');
  return renderPage({
    title: 'Choose who to sign in as',
    banner: DEVELOPMENT_BANNER,
    body: `<h1>Choose who to sign in as</h1>
<p>This is the development identity provider. It stands in for NHS Care Identity Service 2 on developers' machines and in tests, with one demonstration person for each TrustOps role. No password is needed.</p>
<div class="card">
<form method="post" action="${escapeHtml(options.loginAction)}">
<ul class="people" aria-label="Demonstration people">
${people}
</ul>
</form>
</div>
<form method="post" action="${escapeHtml(options.abortAction)}">
<button class="button secondary" type="submit">Cancel sign-in</button>
</form>`,
  });
}

export function renderLogoutPage(form: string): string {
  return renderPage({
    title: 'Sign out',
    banner: DEVELOPMENT_BANNER,
    body: `<h1>Sign out of the development identity provider?</h1>
<p>You have signed out of TrustOps. Sign out here too, so the next person must choose who they are.</p>
${form}
<p><button class="button" type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button class="button secondary" type="submit" form="op.logoutForm">No, stay signed in here</button></p>`,
  });
}

export function renderSignedOutPage(): string {
  return renderPage({
    title: 'Signed out',
    banner: DEVELOPMENT_BANNER,
    body: `<h1>You have signed out</h1><p><a class="button" href="/">Return to TrustOps</a></p>`,
  });
}

export function renderProviderErrorPage(details: { error?: string; error_description?: string }): string {
  return renderPage({
    title: 'Sign-in problem',
    banner: DEVELOPMENT_BANNER,
    body: `<div class="card error"><h1>Sign-in could not continue</h1>
<p>${escapeHtml(details.error_description ?? 'Something went wrong in the development identity provider.')}</p>
<p><a class="button" href="/auth/login">Start sign-in again</a></p></div>`,
  });
}
