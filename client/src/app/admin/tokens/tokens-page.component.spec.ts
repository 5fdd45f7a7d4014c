import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER } from '@trustops/contracts';
import { apiTokenStub } from '../../../testing/admin.stub';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { API_TOKENS_URL } from '../admin-api';
import { TokensPageComponent } from './tokens-page.component';

const SECRET = 'trustops_pat_Zx9Q-only-shown-once-7b2f1c';

describe(TokensPageComponent.name, () => {
  let fixture: ComponentFixture<TokensPageComponent>;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['analyst'] }));
    fixture = TestBed.createComponent(TokensPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(API_TOKENS_URL).flush({ items: [apiTokenStub()] });
    await fixture.whenStable();
  });

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const buttonIn = (root: ParentNode | null, text: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
      button.textContent?.includes(text),
    );

  async function createToken(): Promise<void> {
    buttonIn(page(), 'Create a token')?.click();
    await fixture.whenStable();
    const name = dialog()?.querySelector<HTMLInputElement>('input[formcontrolname="name"]');
    if (!name) throw new Error('The create dialog did not open');
    name.value = 'Nightly export';
    name.dispatchEvent(new Event('input'));
    const checkbox = [
      ...(dialog()?.querySelectorAll<HTMLInputElement>('.permission input[type="checkbox"]') ?? []),
    ].find((input) => input.value === 'runs:read');
    checkbox?.click();
    await fixture.whenStable();
    buttonIn(dialog(), 'Create token')?.click();
    await settle();

    const request = httpTesting.expectOne({ method: 'POST', url: API_TOKENS_URL });
    expect(request.request.body).toEqual({ name: 'Nightly export', permissions: ['runs:read'], expiresInDays: 30 });
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush({
      token: apiTokenStub({ id: 'token-2', name: 'Nightly export', hint: 'trustops_pat_Zx9Q' }),
      secret: SECRET,
    });
    await settle();
    httpTesting.expectOne({ method: 'GET', url: API_TOKENS_URL }).flush({
      items: [apiTokenStub(), apiTokenStub({ id: 'token-2', name: 'Nightly export', hint: 'trustops_pat_Zx9Q' })],
    });
    await fixture.whenStable();
  }

  it('should list tokens by name and hint, never a secret', () => {
    const text = page().textContent ?? '';

    expect(text).toContain('MCP on my laptop');
    expect(text).toContain('trustops_pat_Ab3d…');
    expect(text).toContain('See runs and their results');
    expect(text).toContain('Active');
  });

  it('should offer only the permissions the creator has', async () => {
    buttonIn(page(), 'Create a token')?.click();
    await fixture.whenStable();

    const offered = [...(dialog()?.querySelectorAll<HTMLInputElement>('.permission input[type="checkbox"]') ?? [])].map(
      (input) => input.value,
    );
    expect(offered).toContain('workspaces:write');
    expect(offered).not.toContain('users:write');
    expect(offered).not.toContain('audit:read');
  });

  it('should show the new secret once, with a copy button and a warning, and forget it when closed', async () => {
    await createToken();

    const secretDialog = dialog();
    expect(secretDialog?.querySelector<HTMLInputElement>('#token-secret')?.value).toBe(SECRET);
    expect(secretDialog?.textContent).toContain('This is the only time you will see this token.');
    expect(buttonIn(secretDialog, 'Copy')).toBeDefined();

    buttonIn(secretDialog, 'I have stored it safely')?.click();
    await fixture.whenStable();

    expect(dialog()).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    const values = [...document.querySelectorAll<HTMLInputElement>('input')].map((input) => input.value);
    expect(values).not.toContain(SECRET);
    expect(page().textContent).toContain('Nightly export');
    expect(page().textContent).toContain('trustops_pat_Zx9Q…');
  });

  it('should not close the secret dialog on a click outside it', async () => {
    await createToken();

    document.querySelector<HTMLElement>('.cdk-overlay-backdrop')?.click();
    await fixture.whenStable();

    expect(dialog()?.querySelector<HTMLInputElement>('#token-secret')?.value).toBe(SECRET);
  });

  it('should revoke a token after confirmation', async () => {
    buttonIn(page(), 'Revoke')?.click();
    await fixture.whenStable();
    expect(dialog()?.textContent).toContain('Revoke the token “MCP on my laptop”?');

    buttonIn(dialog(), 'Revoke token')?.click();
    await settle();
    const request = httpTesting.expectOne(`${API_TOKENS_URL}/${apiTokenStub().id}`);
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting
      .expectOne({ method: 'GET', url: API_TOKENS_URL })
      .flush({ items: [apiTokenStub({ revokedAt: '2026-11-23T10:00:00.000Z' })] });
    await fixture.whenStable();

    expect(page().textContent).toContain('Revoked');
    expect(buttonIn(page(), 'Revoke')).toBeUndefined();
  });

  it("should show the API's own message when creating fails", async () => {
    buttonIn(page(), 'Create a token')?.click();
    await fixture.whenStable();
    const name = dialog()?.querySelector<HTMLInputElement>('input[formcontrolname="name"]');
    name!.value = 'Too much';
    name!.dispatchEvent(new Event('input'));
    dialog()?.querySelector<HTMLInputElement>('.permission input[type="checkbox"]')?.click();
    await fixture.whenStable();
    buttonIn(dialog(), 'Create token')?.click();
    await settle();
    httpTesting.expectOne({ method: 'POST', url: API_TOKENS_URL }).flush(
      {
        statusCode: 403,
        error: 'Forbidden',
        message: 'A token cannot have permissions you do not have.',
        requestId: 'r-1',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();

    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain(
      'A token cannot have permissions you do not have.',
    );
  });
});
