import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER, type DecisionView } from '@trustops/contracts';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { sessionStub } from '../../testing/platform-status.stub';
import { decisionStub, eventStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { LiveEventsService } from '../core/live/live-events.service';
import { decideUrl, decisionCommentsUrl, DECISIONS_URL } from './approvals-api';
import { ApprovalsPageComponent } from './approvals-page.component';

const INBOX = { kind: 'inbox' } as const;
const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

describe(ApprovalsPageComponent.name, () => {
  let fixture: ComponentFixture<ApprovalsPageComponent>;
  let httpTesting: HttpTestingController;
  let live: FakeLiveEvents;
  let waiting: DecisionView;

  async function render(options: { roles?: string[]; userId?: string; pending?: DecisionView[] } = {}): Promise<void> {
    live = new FakeLiveEvents();
    waiting = decisionStub({ allowedRoles: ['supervisor'], dueAt: inMinutes(42.5) });
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(
      sessionStub({
        roles: options.roles ?? ['supervisor'],
        userId: options.userId ?? 'user-sup',
        displayName: 'Siobhan Murphy',
      }),
    );
    fixture = TestBed.createComponent(ApprovalsPageComponent);
    await settle();
    const list = httpTesting.expectOne((request) => request.url === DECISIONS_URL);
    expect(list.request.params.get('state')).toBe('pending');
    list.flush(options.pending ?? [waiting]);
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const cards = (): HTMLElement[] => [...page().querySelectorAll<HTMLElement>('to-decision-card')];
  const text = (root: ParentNode | undefined, selector: string): string =>
    root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (root: ParentNode | undefined, label: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (candidate) => candidate.textContent?.trim() === label,
    );
  async function comment(card: HTMLElement | undefined, value: string): Promise<void> {
    const box = card?.querySelector<HTMLTextAreaElement>('textarea[data-testid="decision-comment"]');
    if (!box) throw new Error('no comment box');
    box.value = value;
    box.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  const expectDecide = (): TestRequest => httpTesting.expectOne(decideUrl('decision-1'));

  it('should list what is waiting with its deadline, policy and context, and follow the inbox live', async () => {
    await render();

    expect(live.watches).toEqual([{ stream: INBOX, afterSeq: undefined, closed: false }]);
    expect(text(page(), 'h2.summary')).toBe('1 decision is waiting');
    const [card] = cards();
    expect(text(card, 'h2')).toBe('Approve the change');
    expect(text(card, '[data-testid="due"]')).toBe('Due in 42 min');
    expect(text(card, '.policy')).toBe('Needs one approval from a Supervisor');
    expect(card?.querySelector('.context strong')?.textContent).toBe('restart');
    expect(card?.querySelector('a')?.getAttribute('href')).toBe('/runs/run-1');
  });

  it('should add new requests and drop decided ones as the events arrive', async () => {
    await render();

    const overdue = decisionStub({ id: 'decision-2', title: 'Restart the feed', dueAt: inMinutes(-5.5) });
    live.push(INBOX, eventStub('decision.requested', overdue as unknown as Record<string, unknown>, { seq: 7 }));
    await fixture.whenStable();
    expect(cards().map((card) => text(card, 'h2'))).toEqual(['Restart the feed', 'Approve the change']);
    expect(text(cards()[0], '[data-testid="due"]')).toBe('Overdue by 5 min');
    expect(cards()[0]?.classList).toContain('overdue');
    expect(text(page(), 'h2.summary')).toBe('2 decisions are waiting, 1 overdue');
    expect(text(page(), '[aria-live="polite"].visually-hidden')).toBe('New request: Restart the feed');

    const decided = { ...waiting, state: 'approved' as const };
    live.push(INBOX, eventStub('decision.resolved', decided, { seq: 8 }));
    await fixture.whenStable();
    expect(cards().map((card) => text(card, 'h2'))).toEqual(['Restart the feed']);
  });

  it('should approve with a comment and say what happens next', async () => {
    await render();
    const [card] = cards();

    await comment(card, 'Checked with the PAS team.');
    button(card, 'Approve')?.click();
    await settle();

    const request = expectDecide();
    expect(request.request.body).toEqual({ verdict: 'approve', comment: 'Checked with the PAS team.' });
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush({ ...waiting, state: 'approved' });
    await settle();

    expect(cards()).toEqual([]);
    expect(text(page(), '.confirmation span')).toBe("You approved 'Approve the change'. The run carries on.");
    expect(page().querySelector('.confirmation a')?.getAttribute('href')).toBe('/runs/run-1');
  });

  it('should confirm the verdict even when the live inbox removes the decision before the answer arrives', async () => {
    await render();
    button(cards()[0], 'Approve')?.click();
    await settle();
    const request = expectDecide();

    const resolved = { ...waiting, state: 'approved' as const };
    live.push(INBOX, eventStub('decision.resolved', resolved, { seq: 9 }));
    await settle();
    expect(cards()).toEqual([]);

    request.flush(resolved);
    await settle();
    expect(text(page(), '.confirmation span')).toBe("You approved 'Approve the change'. The run carries on.");
  });

  it('should add a comment without deciding, and show it on the decision', async () => {
    await render();
    const [card] = cards();

    await comment(card, 'Is the PAS team aware?');
    button(card, 'Comment without deciding')?.click();
    await settle();

    const request = httpTesting.expectOne(decisionCommentsUrl('decision-1'));
    expect(request.request.body).toEqual({ text: 'Is the PAS team aware?' });
    request.flush({
      ...waiting,
      comments: [
        { by: { userId: 'user-sup', displayName: 'Siobhan Murphy' }, text: 'Is the PAS team aware?', at: inMinutes(0) },
      ],
    });
    await settle();
    expect(text(cards()[0], '.conversation')).toBe('Siobhan Murphy: “Is the PAS team aware?”');
  });

  it('should ask for a reason before rejecting, and show the reason the server refuses', async () => {
    await render();
    const [card] = cards();

    button(card, 'Reject')?.click();
    await fixture.whenStable();
    expect(text(card, '.form-error')).toBe(
      'Say why you are rejecting it in the comment, so the person who asked knows what to change.',
    );

    await comment(card, 'Not during the ward round.');
    button(card, 'Reject')?.click();
    await settle();
    expectDecide().flush(
      { statusCode: 409, error: 'Conflict', message: 'You have already rejected this decision.', requestId: 'r-1' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(card, '.form-error')).toBe('You have already rejected this decision.');
  });

  it('should tell the person who started the run that someone else must approve it', async () => {
    await render({ userId: 'user-op' });
    const [card] = cards();

    expect(text(card, '.notice')).toBe('You started this run, so someone else must approve it.');
    expect(button(card, 'Approve')?.disabled).toBe(true);
    expect(button(card, 'Reject')?.disabled).toBe(false);
  });

  it('should show an operator the request without the buttons they cannot use', async () => {
    await render({ roles: ['operator'], userId: 'user-2' });
    const [card] = cards();

    expect(text(card, '.notice')).toBe(
      'You can see this request, but approving or rejecting needs a role such as Supervisor.',
    );
    expect(button(card, 'Approve')).toBeUndefined();
  });

  it('should tell someone who may only answer their own requests where to find them', async () => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['clinician'] }));
    fixture = TestBed.createComponent(ApprovalsPageComponent);
    await settle();

    expect(text(page(), '[data-testid="no-inbox"] h3')).toBe('Requests for you appear on your runs');
    expect(live.watches).toEqual([]);
  });

  it('should render an input request as a form and send the answers', async () => {
    const question = decisionStub({
      kind: 'input',
      title: 'Enter the security code',
      form: [{ name: 'code', label: 'Security code', type: 'string', required: true, pattern: '^[0-9]{6}$' }],
    });
    await render({ roles: ['operator'], userId: 'user-2', pending: [question] });
    const [card] = cards();

    button(card, 'Send answer')?.click();
    await fixture.whenStable();
    expect(text(card, 'mat-error')).toBe('Security code is required.');

    const input = card?.querySelector<HTMLInputElement>('input[data-input="code"]');
    if (!input) throw new Error('no code field');
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    button(card, 'Send answer')?.click();
    await settle();

    const request = expectDecide();
    expect(request.request.body).toEqual({ verdict: 'approve', response: { code: '123456' } });
    request.flush({ ...question, state: 'approved', response: { code: '123456' } });
    await settle();
    expect(text(page(), '.confirmation')).toContain("You answered 'Enter the security code'.");
  });
});
