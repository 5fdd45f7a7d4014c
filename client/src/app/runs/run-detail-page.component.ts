import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { TERMINAL_RUN_STATES, type DecisionView, type StepRunView } from '@trustops/contracts';
import { stepOrder } from '@trustops/runbook';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { ApprovalsApi, decisionUrl, type DecidedEvent } from '../approvals/approvals-api';
import { DecisionCardComponent } from '../approvals/decision-card.component';
import { currentDecider, whyCannotDecide } from '../approvals/decision-text';
import { describeStepType } from '../runbooks/runbook-text';
import { runbookVersionUrl, type RunbookView } from '../runbooks/runbooks-api';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { RunActions } from './run-actions';
import { RunLive } from './run-live';
import {
  describeRunState,
  describeStepState,
  describeValue,
  humaniseName,
  PERSON_STEP_TYPES,
  type StepTitles,
} from './run-text';
import { RunTimelineComponent } from './run-timeline.component';
import { StateBadgeComponent } from './state-badge.component';
import { StepGraphComponent } from './step-graph/step-graph.component';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { MarkdownViewComponent } from '../shared/markdown/markdown-view.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { LiveStatusComponent } from '../core/live/live-status.component';
import { TranscriptComponent } from './transcript/transcript.component';

interface NamedValue {
  name: string;
  label: string;
  value: string;
  multiline: boolean;
  /** Text of several lines (an agent's answer, a report): shown as the Markdown it is written in. */
  markdown: boolean;
}

/**
 * One run, live: its state and progress, the step diagram, what happened in plain English, its
 * inputs and outputs, and the actions the person may take (retry a failed step, cancel, run again).
 */
@Component({
  selector: 'to-run-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BackLinkComponent,
    DatePipe,
    DecisionCardComponent,
    LiveStatusComponent,
    LoadStateComponent,
    MarkdownViewComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    AreaHeaderComponent,
    RouterLink,
    RunTimelineComponent,
    StateBadgeComponent,
    StepGraphComponent,
    TranscriptComponent,
  ],
  providers: [RunLive],
  templateUrl: './run-detail-page.component.html',
  styleUrl: './run-detail-page.component.scss',
})
export class RunDetailPageComponent {
  /** From the route, `/runs/:runId`. */
  readonly runId = input.required<string>();

  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly actions = inject(RunActions);
  protected readonly live = inject(RunLive);

  protected readonly run = this.live.run;
  /** An agent worked in this run (agent.prompt): its transcript is shown below the run. */
  protected readonly hasTranscript = computed(() =>
    this.live.events().some((event) => event.type.startsWith('agent.')),
  );
  protected readonly selectedStepId = signal<string | null>(null);

  /** The runbook version the run used, for the inputs' and outputs' labels (read once per version). */
  private readonly runbookVersion = computed(() => {
    const run = this.run();
    return run ? runbookVersionUrl(run.runbookId, run.runbookVersion) : undefined;
  });
  private readonly runbook = httpResource<RunbookView>(() => {
    const url = this.runbookVersion();
    return url && this.session.can('runbooks:read') ? forActiveTenant(this.session, { url }) : undefined;
  });

  protected readonly state = computed(() => {
    const run = this.run();
    return run
      ? describeRunState(
          run.state,
          this.waitingSteps().some((step) => PERSON_STEP_TYPES.has(step.type)),
        )
      : undefined;
  });
  protected readonly finished = computed(() => {
    const run = this.run();
    return run !== undefined && TERMINAL_RUN_STATES.includes(run.state);
  });
  protected readonly percent = computed(() => {
    const progress = this.run()?.progress;
    return progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  });
  protected readonly progressText = computed(() => {
    const progress = this.run()?.progress;
    return progress ? `${progress.done} of ${progress.total} ${progress.total === 1 ? 'step' : 'steps'} done` : '';
  });

  protected readonly layers = computed(() => {
    const steps = this.run()?.steps ?? [];
    try {
      return stepOrder({
        steps: steps.map((step) => ({ id: step.stepId, type: step.type, with: {}, needs: step.needs })),
      });
    } catch {
      // A run's steps were checked when its runbook was saved; if they somehow loop, show them in a line.
      return steps.map((step) => [step.stepId]);
    }
  });
  protected readonly stepTitles = computed<StepTitles>(() =>
    Object.fromEntries((this.run()?.steps ?? []).map((step) => [step.stepId, step.title])),
  );

  /** The step whose details show: the one picked, otherwise the one that most needs attention. */
  protected readonly selectedStep = computed<StepRunView | undefined>(() => {
    const steps = this.run()?.steps ?? [];
    const picked = steps.find((step) => step.stepId === this.selectedStepId());
    return (
      picked ??
      steps.find((step) => step.state === 'failed') ??
      steps.find((step) => step.state === 'waiting') ??
      steps.find((step) => step.state === 'running')
    );
  });
  protected readonly selectedStepState = computed(() => {
    const step = this.selectedStep();
    return step ? describeStepState(step.state, step.type) : undefined;
  });
  protected readonly selectedStepOutput = computed(() => {
    const output = this.selectedStep()?.output;
    return output === null || output === undefined ? undefined : describeValue(output);
  });
  /** Steps waiting on a person, for the "waiting for" notice. */
  protected readonly waitingSteps = computed(() =>
    (this.run()?.steps ?? []).filter((step) => step.state === 'waiting'),
  );

  protected readonly inputs = computed<NamedValue[]>(() =>
    named(this.run()?.inputs ?? {}, valueOr(this.runbook, undefined)?.definition.inputs ?? []),
  );
  protected readonly outputs = computed<NamedValue[]>(() =>
    named(this.run()?.outputs ?? {}, valueOr(this.runbook, undefined)?.definition.outputs ?? []),
  );

  /**
   * The decision the run waits for, when this person can make it: they decide here, without
   * going to the inbox (an operator answering a security code their own run asks for, say).
   */
  private readonly waitingDecisionId = computed(
    () => this.waitingSteps().find((step) => step.decisionId !== null)?.decisionId ?? undefined,
  );
  private readonly waitingDecision = httpResource<DecisionView>(() => {
    const id = this.waitingDecisionId();
    return id ? forActiveTenant(this.session, { url: decisionUrl(id) }) : undefined;
  });
  protected readonly decider = computed(() => currentDecider(this.session));
  protected readonly decisionHere = computed(() => {
    const decision = valueOr(this.waitingDecision, undefined);
    return decision && decision.state === 'pending' && !whyCannotDecide(decision, this.decider())
      ? decision
      : undefined;
  });
  protected readonly now = signal(Date.now());
  protected readonly decidedMessage = signal<string | undefined>(undefined);

  protected readonly canCancel = computed(() => this.actions.canCancel() && !this.finished());
  protected readonly canRerun = computed(() => this.actions.canRerun() && this.finished());
  protected readonly canRetry = computed(() => this.actions.canRetry());
  protected readonly canOpenInbox = computed(() => this.session.canAny(['decisions:read', 'decisions:provide-input']));

  constructor() {
    // The deadline of a decision shown here counts down.
    const timer = setInterval(() => this.now.set(Date.now()), 15_000);
    inject(ApprovalsApi)
      .decided$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.onDecided(event));
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    const title = inject(Title);
    // The route's title is only "Run": once the run is known, the tab and screen readers name it.
    effect(() => {
      const runbookTitle = this.run()?.runbookTitle;
      if (runbookTitle) title.setTitle(`${runbookTitle} · Runs · TrustOps`);
    });
    effect(() => {
      const runId = this.runId();
      untracked(() => {
        this.selectedStepId.set(null);
        void this.live.open(runId);
      });
    });
  }

  private onDecided({ decision, verdict }: DecidedEvent): void {
    if (decision.runId !== this.runId()) return;
    this.decidedMessage.set(
      `You ${verdict === 'approve' ? (decision.kind === 'input' ? 'answered' : 'approved') : decision.kind === 'input' ? 'declined' : 'rejected'} '${decision.title}'.`,
    );
    this.waitingDecision.reload();
  }

  protected asksPerson(step: StepRunView): boolean {
    return PERSON_STEP_TYPES.has(step.type);
  }

  protected stepKind(type: string): string {
    return describeStepType(type);
  }

  protected async retry(step: StepRunView): Promise<void> {
    const run = await this.actions.retryStep(this.runId(), { stepId: step.stepId, title: step.title });
    if (run) this.live.replace(run);
  }

  protected async cancel(): Promise<void> {
    const run = await this.actions.cancel(this.runId(), this.run()?.runbookTitle ?? 'this run');
    if (run) this.live.replace(run);
  }

  protected async rerun(): Promise<void> {
    const run = await this.actions.rerun(this.runId(), this.run()?.runbookTitle ?? 'this run');
    if (run) await this.router.navigate(['/runs', run.id]);
  }
}

/** Values with the runbook's labels where it has them, in the runbook's order, then any others. */
function named(
  values: Record<string, unknown>,
  definitions: readonly { name: string; label?: string }[],
): NamedValue[] {
  const labels = new Map(definitions.map((definition) => [definition.name, definition.label]));
  const order = [...definitions.map((definition) => definition.name), ...Object.keys(values)];
  return [...new Set(order)]
    .filter((name) => name in values)
    .map((name) => {
      const raw = values[name];
      const value = describeValue(raw);
      return {
        name,
        label: labels.get(name) || humaniseName(name),
        value,
        multiline: value.includes('\n') || value.length > 80,
        markdown: typeof raw === 'string' && raw.includes('\n'),
      };
    });
}
