import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { IntegrationStatusResponse, IntegrationStatusView, ScenarioResponse } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { INCIDENT_INTEGRATIONS_URL, INCIDENT_SCENARIO_URL, integrationModeUrl } from '../incidents/incidents-api';
import { SettingsPageComponent } from './settings-page.component';

const INTEGRATIONS: IntegrationStatusResponse = {
  defaultMode: 'mock',
  items: [
    {
      name: 'datadog',
      label: 'Datadog',
      kind: 'monitoring',
      mode: 'mock',
      health: {
        status: 'healthy',
        message: 'Answering from the practice scenario.',
        checkedAt: '2026-12-02T10:00:00Z',
        latencyMs: 3,
      },
      configuredMode: 'mock',
      modeChosen: null,
      liveUnavailableReason: 'Datadog is not configured for live use: set DATADOG_API_KEY and DATADOG_APP_KEY.',
    },
    {
      name: 'jira',
      label: 'Jira',
      kind: 'ticketing',
      mode: 'live',
      health: {
        status: 'unavailable',
        message: 'Jira did not answer.',
        checkedAt: '2026-12-02T10:00:00Z',
        latencyMs: null,
      },
      configuredMode: 'live',
      modeChosen: null,
      liveUnavailableReason: null,
    },
  ],
};

const SCENARIOS: ScenarioResponse = {
  active: 'high-cpu',
  scenarios: [
    {
      id: 'high-cpu',
      title: 'High CPU after a deploy',
      description: 'A memory leak.',
      sampleReport: 'the site is slow',
    },
    {
      id: 'checkout-rollout',
      title: 'Partial rollout failure',
      description: 'Half the hosts fail.',
      sampleReport: 'checkout is failing after the deploy',
    },
  ],
};

describe(SettingsPageComponent.name, () => {
  let fixture: ComponentFixture<SettingsPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(SettingsPageComponent);
    await settle();
    httpTesting.expectOne(INCIDENT_INTEGRATIONS_URL).flush(INTEGRATIONS);
    httpTesting.expectOne(INCIDENT_SCENARIO_URL).flush(SCENARIOS);
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const cards = (): string[] =>
    [...page().querySelectorAll('.integrations li')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const button = (label: string): HTMLButtonElement | undefined =>
    [...page().querySelectorAll<HTMLButtonElement>('button')].find((candidate) =>
      candidate.textContent?.includes(label),
    );

  it("should show each connection's mode and health in words", async () => {
    await render(['admin']);

    expect(cards()[0]).toContain('Mode: Practice (pretend)');
    expect(cards()[0]).toContain('Health: Working');
    expect(cards()[1]).toContain('Mode: Live (real system)');
    expect(cards()[1]).toContain('Health: Not reachable');
    expect(cards()[1]).toContain('Jira did not answer.');
  });

  it('should switch the practice scenario for someone who may change settings', async () => {
    await render(['admin']);
    expect(button('Use this scenario')?.disabled).toBe(true);

    page().querySelectorAll<HTMLInputElement>('.scenarios input[type="radio"]')[1]?.click();
    await settle();
    button('Use this scenario')?.click();
    await settle();
    const put = httpTesting.expectOne(INCIDENT_SCENARIO_URL);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ scenario: 'checkout-rollout' });
    put.flush({ ...SCENARIOS, active: 'checkout-rollout' });
    await settle();
    httpTesting.expectOne(INCIDENT_INTEGRATIONS_URL).flush(INTEGRATIONS);
    await settle();
    await fixture.whenStable();

    expect(page().querySelector('[role="status"]')?.textContent).toContain(
      'The pretend connections now act out “Partial rollout failure”.',
    );
  });

  const card = (name: string): HTMLElement => page().querySelector<HTMLElement>(`[data-integration="${name}"]`)!;
  const changeButton = (label: string): HTMLButtonElement | null =>
    page().querySelector<HTMLButtonElement>(`button[aria-label="Change ${label} mode"]`);
  async function openMode(label: string): Promise<void> {
    changeButton(label)?.click();
    await settle();
  }
  const modeRadio = (name: string, value: string): HTMLInputElement =>
    card(name).querySelector<HTMLInputElement>(`mat-radio-button[value="${value}"] input`)!;

  it("should let someone who may change settings choose a connection's mode for the organisation, and go back", async () => {
    await render(['admin']);
    expect(card('jira').textContent).toContain("Set by the server's configuration.");
    expect(card('jira').querySelector('mat-radio-group')).toBeNull();
    await openMode('Jira');
    expect(changeButton('Jira')?.getAttribute('aria-expanded')).toBe('true');
    expect(modeRadio('jira', 'live').checked).toBe(true);
    expect(button('Save Jira mode')).toBeUndefined();

    modeRadio('jira', 'mock').click();
    await settle();
    button('Save Jira mode')?.click();
    await settle();
    const put = httpTesting.expectOne(integrationModeUrl('jira'));
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ mode: 'mock' });
    put.flush({
      ...INTEGRATIONS.items[1],
      mode: 'mock',
      modeChosen: { by: { userId: 'u1', displayName: 'Priya Shah' }, at: '2026-12-02T11:30:00Z' },
    } satisfies IntegrationStatusView);
    await settle();
    await fixture.whenStable();

    expect(cards()[1]).toContain('Mode: Practice (pretend)');
    expect(cards()[1]).toContain('Chosen for this organisation by Priya Shah');
    expect(card('jira').querySelector('[role="status"]')?.textContent).toContain(
      'Jira is now practice (pretend) for this organisation.',
    );
    expect(modeRadio('jira', 'mock').checked).toBe(true);
    expect(button('Save Jira mode')).toBeUndefined();

    button('Go back to the configured mode: Live (real system)')?.click();
    await settle();
    const back = httpTesting.expectOne(integrationModeUrl('jira'));
    expect(back.request.body).toEqual({ mode: null });
    back.flush(INTEGRATIONS.items[1]);
    await settle();
    await fixture.whenStable();

    expect(cards()[1]).toContain('Mode: Live (real system)');
    expect(card('jira').textContent).toContain("Set by the server's configuration.");
    expect(card('jira').querySelector('[role="status"]')?.textContent).toContain(
      'Jira follows the configuration again: live (real system).',
    );
  });

  it('should not offer live while the server lacks the connection’s settings, say which, and show a refusal', async () => {
    await render(['admin']);
    await openMode('Datadog');
    await openMode('Jira');
    const live = modeRadio('datadog', 'live');
    expect(live.disabled).toBe(true);
    const reason = page().querySelector(`#${live.getAttribute('aria-describedby')}`);
    expect(reason?.textContent).toContain('set DATADOG_API_KEY and DATADOG_APP_KEY');

    modeRadio('jira', 'mock').click();
    await settle();
    button('Save Jira mode')?.click();
    await settle();
    httpTesting
      .expectOne(integrationModeUrl('jira'))
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'You may no longer change settings.', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    await fixture.whenStable();
    expect(card('jira').querySelector('[role="alert"]')?.textContent).toContain('You may no longer change settings.');
    expect(cards()[1]).toContain('Mode: Live (real system)');
  });

  it('should let someone who may only read settings see the scenarios but not change them', async () => {
    await render(['compliance']);

    expect(button('Use this scenario')).toBeUndefined();
    expect(changeButton('Jira')).toBeNull();
    expect(card('jira').textContent).toContain("Set by the server's configuration.");
    expect(page().textContent).toContain('Changing the practice scenario needs a role such as Administrator.');
  });
});
