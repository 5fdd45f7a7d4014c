import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { incidentStub } from '../../testing/incidents.stub';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { sessionStub } from '../../testing/platform-status.stub';
import { eventStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { LiveEventsService } from '../core/live/live-events.service';
import { INCIDENTS_URL } from './incidents-api';
import { chatLineFor, IntakeChatComponent } from './intake-chat.component';

const STREAM = { kind: 'incident', id: 'incident-1' } as const;

describe(IntakeChatComponent.name, () => {
  let fixture: ComponentFixture<IntakeChatComponent>;
  let httpTesting: HttpTestingController;
  let live: FakeLiveEvents;

  beforeEach(async () => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['operator'] }));
    fixture = TestBed.createComponent(IntakeChatComponent);
    await settle();
  });

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const messages = (): string[] =>
    [...page().querySelectorAll('[role="log"] li p')].map((item) => item.textContent?.trim() ?? '');

  async function report(text: string): Promise<void> {
    const box = page().querySelector('textarea') as HTMLTextAreaElement;
    box.value = text;
    box.dispatchEvent(new Event('input'));
    page().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
  }

  it('should acknowledge the report, open the incident and say what it finds as it happens', async () => {
    await report('checkout is failing after the deploy');

    const request = httpTesting.expectOne(INCIDENTS_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ description: 'checkout is failing after the deploy' });
    request.flush(incidentStub({ status: 'reported', findings: [], actions: [] }));
    await settle();
    expect(live.watches).toEqual([{ stream: STREAM, afterSeq: 12, closed: false }]);

    live.push(
      STREAM,
      eventStub('incident.classified', { category: 'deployment', severity: 'sev1', service: 'checkout-service' }),
    );
    live.push(
      STREAM,
      eventStub('incident.diagnosed', incidentStub().findings[0] as unknown as Record<string, unknown>),
    );
    await settle();
    await fixture.whenStable();

    expect(messages()).toEqual([
      'What is going wrong? Say it in your own words, as you would to a colleague.',
      'checkout is failing after the deploy',
      'Thank you. I am opening an incident and starting to look into it now.',
      'I have opened the incident “Checkout is failing after the deploy”. I will tell you here what I find.',
      'I have classed it as: a recent release, critical severity. It affects checkout-service.',
      'The likely cause: Partial rollout of checkout-service v3.1.0 (87% confidence: very likely).',
    ]);
    expect(page().querySelector('[role="log"] a')?.getAttribute('href')).toBe('/incidents/incident-1');
    // The way to the incident is offered once it is open, and again with the suggestion; not on every line.
    expect(page().querySelectorAll('[role="log"] a').length).toBe(1);
  });

  it("should say so in the conversation when the incident cannot be opened, with the server's reason", async () => {
    await report('the PAS is down');

    httpTesting
      .expectOne(INCIDENTS_URL)
      .flush(
        { statusCode: 403, error: 'Forbidden', message: 'You cannot report incidents.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    await fixture.whenStable();

    expect(messages().at(-1)).toBe('You cannot report incidents.');
    expect(page().querySelector('[data-tone="problem"]')).not.toBeNull();
  });

  it('should describe the suggestion with its risk and who must approve it', () => {
    const actions = incidentStub().actions.slice(1);
    expect(chatLineFor({ type: 'incident.recommended', payload: { actions } })).toBe(
      'What I suggest: Roll back checkout-service to v3.0.4. Medium risk; needs one supervisor to approve.',
    );
    expect(chatLineFor({ type: 'incident.timeline', payload: {} })).toBeUndefined();
  });
});
