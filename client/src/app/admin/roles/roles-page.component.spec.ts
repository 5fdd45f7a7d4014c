import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import {
  CSRF_HEADER,
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type RoleListResponse,
  type RoleSummary,
} from '@trustops/contracts';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { ADMIN_ROLES_URL } from '../admin-api';
import { RolesPageComponent } from './roles-page.component';

const WARD_LEAD: RoleSummary = {
  key: 'ward-lead',
  name: 'Ward lead',
  description: 'Runs wizards and reads the audit trail for their ward',
  builtIn: false,
  permissions: ['runs:read', 'runs:start', 'audit:read'],
};

/** What the server answers: the built-in roles from the shared map, then the tenant's custom roles. */
function rolesResponse(custom: RoleSummary[] = [WARD_LEAD]): RoleListResponse {
  return {
    items: [
      ...ROLES.map((role) => ({
        key: role,
        name: ROLE_LABELS[role],
        description: '',
        builtIn: true,
        permissions: [...ROLE_PERMISSIONS[role]],
      })),
      ...custom,
    ],
  };
}

describe(RolesPageComponent.name, () => {
  let fixture: ComponentFixture<RolesPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(RolesPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(ADMIN_ROLES_URL).flush(rolesResponse());
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const matrix = (): HTMLTableElement => {
    const table = (fixture.nativeElement as HTMLElement).querySelector<HTMLTableElement>('table.matrix');
    if (!table) throw new Error('No permission matrix');
    return table;
  };
  const ticked = (permission: string, role: string): boolean => {
    const cell = matrix().querySelector(`tr[data-permission="${permission}"] td[data-role="${role}"]`);
    if (!cell) throw new Error(`No cell for ${permission} × ${role}`);
    return cell.querySelector('mat-icon[svgicon="check"]') !== null && cell.textContent?.trim() === 'Yes';
  };

  it('should tick exactly the permissions ROLE_PERMISSIONS gives each built-in role', async () => {
    await render(['admin']);

    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(ticked(permission, role), `${role} × ${permission}`).toBe(ROLE_PERMISSIONS[role].includes(permission));
      }
    }
  });

  it('should add a column for each custom role, marked as custom', async () => {
    await render(['admin']);

    const headings = [...matrix().querySelectorAll('thead th')].map((th) =>
      th.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(headings).toEqual([
      'Permission',
      'Clinician',
      'Integration analyst',
      'Operator',
      'Supervisor',
      'Compliance officer',
      'Administrator',
      'Ward lead Custom',
    ]);
    for (const permission of PERMISSIONS) {
      expect(ticked(permission, 'ward-lead')).toBe(WARD_LEAD.permissions.includes(permission));
    }
  });

  it('should group the permissions by what they are about, with plain-English labels', async () => {
    await render(['admin']);

    const groups = [...matrix().querySelectorAll('tr.group-row th')].map((th) => th.textContent?.trim());
    expect(groups).toContain('Audit trail');
    expect(groups).toContain('People');
    expect(matrix().querySelector('tr[data-permission="audit:export"] th')?.textContent?.trim()).toBe(
      'Export audit evidence',
    );
    expect(matrix().querySelectorAll('tbody tr[data-permission]').length).toBe(PERMISSIONS.length);
  });

  it('should let only those who may create roles see the button', async () => {
    await render(['compliance']);

    expect((fixture.nativeElement as HTMLElement).textContent).not.toContain('Create a custom role');
  });

  it('should create a custom role from the form', async () => {
    await render(['admin']);
    const button = [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find((candidate) =>
      candidate.textContent?.includes('Create a custom role'),
    );
    button?.click();
    await fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container');
    const name = dialog?.querySelector<HTMLInputElement>('input[formcontrolname="name"]');
    name!.value = 'Ward manager (nights)';
    name!.dispatchEvent(new Event('input'));
    for (const value of ['runs:read', 'audit:read']) {
      dialog?.querySelector<HTMLInputElement>(`.permission input[value="${value}"]`)?.click();
    }
    await fixture.whenStable();
    expect(dialog?.querySelector<HTMLInputElement>('input[formcontrolname="key"]')?.value).toBe('ward-manager-nights');
    dialog?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();

    const request = httpTesting.expectOne({ method: 'POST', url: ADMIN_ROLES_URL });
    expect(request.request.body).toEqual({
      key: 'ward-manager-nights',
      name: 'Ward manager (nights)',
      permissions: ['runs:read', 'audit:read'],
    });
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    const created: RoleSummary = { ...WARD_LEAD, key: 'ward-manager-nights', name: 'Ward manager (nights)' };
    request.flush(created);
    await settle();
    httpTesting.expectOne({ method: 'GET', url: ADMIN_ROLES_URL }).flush(rolesResponse([WARD_LEAD, created]));
    await fixture.whenStable();

    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(matrix().querySelector('th[data-role="ward-manager-nights"]')?.textContent).toContain(
      'Ward manager (nights)',
    );
  });
});
