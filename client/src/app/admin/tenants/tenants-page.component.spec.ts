import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { TenantSummary } from '@trustops/contracts';
import { NORTHBRIDGE, sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { SESSION_URL } from '../../core/session.service';
import { ADMIN_TENANTS_URL } from '../admin-api';
import { TenantsPageComponent } from './tenants-page.component';

const RIVERSIDE: TenantSummary = { id: 'tenant-2', slug: 'riverside', name: 'Riverside Trust', odsCode: 'RZY' };

describe(TenantsPageComponent.name, () => {
  let fixture: ComponentFixture<TenantsPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(TenantsPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(ADMIN_TENANTS_URL).flush({ items: [NORTHBRIDGE] });
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const buttonIn = (root: ParentNode | null | undefined, text: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
      button.textContent?.includes(text),
    );
  function type(label: string, value: string): void {
    const field = [...(dialog()?.querySelectorAll('mat-form-field') ?? [])].find((candidate) =>
      candidate.querySelector('mat-label')?.textContent?.includes(label),
    );
    const input = field?.querySelector('input');
    if (!input) throw new Error(`No field ${label}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('should create an organisation, then list it and refresh the organisation switcher', async () => {
    await render(['admin']);
    buttonIn(page(), 'Create an organisation')?.click();
    await fixture.whenStable();

    type('Name', ' Riverside Trust ');
    type('ODS code', 'rzy');
    buttonIn(dialog(), 'Create organisation')?.click();
    await settle();
    const request = httpTesting.expectOne({ method: 'POST', url: ADMIN_TENANTS_URL });
    expect(request.request.body).toEqual({ name: 'Riverside Trust', odsCode: 'rzy' });
    request.flush(RIVERSIDE);
    await settle();

    httpTesting.expectOne({ method: 'GET', url: ADMIN_TENANTS_URL }).flush({ items: [NORTHBRIDGE, RIVERSIDE] });
    httpTesting.expectOne(SESSION_URL).flush(sessionStub({ roles: ['admin'], tenants: [NORTHBRIDGE, RIVERSIDE] }));
    await fixture.whenStable();
    expect(dialog()).toBeNull();
    expect(page().textContent).toContain('Riverside Trust');
  });

  it('should not offer to create organisations to someone who may only see them', async () => {
    await render(['compliance', 'supervisor']);

    expect(buttonIn(page(), 'Create an organisation')).toBeUndefined();
  });
});
