import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { IntegrationStatusResponse, ScenarioResponse } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { INCIDENT_INTEGRATIONS_URL, INCIDENT_SCENARIO_URL } from '../incidents/incidents-api';
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

    page().querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]?.click();
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

  it('should let someone who may only read settings see the scenarios but not change them', async () => {
    await render(['compliance']);

    expect(button('Use this scenario')).toBeUndefined();
    expect(page().textContent).toContain('Changing the practice scenario needs a role such as Administrator.');
  });
});
