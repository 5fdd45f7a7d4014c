import { DatePipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  linkedSignal,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { firstValueFrom } from 'rxjs';
import type { DecisionView, EvidenceView, FindingView, RecommendedActionView } from '@trustops/contracts';
import { ApprovalsApi, decisionUrl, type DecidedEvent } from '../approvals/approvals-api';
import { DecisionCardComponent } from '../approvals/decision-card.component';
import { currentDecider } from '../approvals/decision-text';
import { renderMarkdown } from '../shared/markdown/render-markdown';
import { describeHttpError } from '../core/http-error';
import { LiveStatusComponent } from '../core/live/live-status.component';
import { SessionService, valueOr } from '../core/session.service';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { EvidenceItemComponent } from './evidence-item.component';
import { IncidentLive } from './incident-live';
import { keyMetrics } from './incident-metrics';
import { IncidentTagComponent } from './incident-tag.component';
import {
  describeActionStatus,
  describeApprovalPolicy,
  describeCategory,
  describeConfidence,
  describeIncidentStatus,
  describeRisk,
  describeSeverity,
  isActiveIncident,
} from './incident-text';
import { incidentSummaryUrl, IncidentsApi } from './incidents-api';
import { MetricChartComponent } from './metric-chart.component';
import { OutcomeMessagesComponent } from './outcome-messages.component';

/** Timeline entries about verification, for the verification panel. */
const VERIFICATION_TYPE = 'incident.verification';

/**
 * One incident, live: its severity and status, the likely cause with the confidence and evidence
 * behind it, the recommended actions ranked with their risk (and, for the one waiting, the
 * approval right here), whether the fix was verified, the evidence, the timeline and the summary.
 */
@Component({
  selector: 'to-incident-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BackLinkComponent,
    DatePipe,
    DecisionCardComponent,
    EvidenceItemComponent,
    IncidentTagComponent,
    LiveStatusComponent,
    LoadStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MetricChartComponent,
    OutcomeMessagesComponent,
    AreaHeaderComponent,
    ReactiveFormsModule,
  ],
  providers: [IncidentLive],
  templateUrl: './incident-detail-page.component.html',
  styleUrl: './incident-detail-page.component.scss',
})
export class IncidentDetailPageComponent {
  /** From the route, `/incidents/:incidentId`. */
  readonly incidentId = input.required<string>();

  private readonly session = inject(SessionService);
  private readonly api = inject(IncidentsApi);
  private readonly approvals = inject(ApprovalsApi);
  private readonly http = inject(HttpClient);
  protected readonly live = inject(IncidentLive);
  protected readonly incident = this.live.incident;

  protected readonly severity = computed(() => {
    const incident = this.incident();
    return incident ? describeSeverity(incident.severity) : undefined;
  });
  protected readonly status = computed(() => {
    const incident = this.incident();
    return incident ? describeIncidentStatus(incident.status) : undefined;
  });
  protected readonly category = computed(() => {
    const incident = this.incident();
    return incident ? describeCategory(incident.category) : '';
  });
  protected readonly working = computed(() => {
    const status = this.incident()?.status;
    return status !== undefined && isActiveIncident(status) && status !== 'awaiting_approval';
  });

  protected readonly currentFindings = computed(() => (this.incident()?.findings ?? []).filter((f) => f.current));
  protected readonly earlierFindings = computed(() => (this.incident()?.findings ?? []).filter((f) => !f.current));
  protected readonly actions = computed(() =>
    [...(this.incident()?.actions ?? [])]
      .filter((action) => action.status !== 'superseded')
      .sort((a, b) => a.rank - b.rank),
  );
  protected readonly metrics = computed(() => {
    const incident = this.incident();
    return incident ? keyMetrics(incident.evidence, incident.findings, 4) : [];
  });
  /** Evidence newest round first, then in the order it was collected. */
  protected readonly evidence = computed(() =>
    [...(this.incident()?.evidence ?? [])].sort(
      (a, b) => b.round - a.round || a.collectedAt.localeCompare(b.collectedAt),
    ),
  );
  protected readonly timeline = computed(() =>
    [...(this.incident()?.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at)),
  );

  /** Where the fix stands: the action carried out, and what the checks found. */
  protected readonly verification = computed(() => {
    const incident = this.incident();
    if (!incident) return undefined;
    const checked =
      incident.actions.find((action) => action.status === 'verified' || action.status === 'failed') ??
      incident.actions.find((action) => action.status === 'executed' || action.status === 'executing');
    const readings = incident.timeline.filter((entry) => entry.type === VERIFICATION_TYPE);
    if (!checked && readings.length === 0) return undefined;
    const state =
      checked?.status === 'verified'
        ? { text: 'Verification passed: the fix worked', icon: 'status-up' as const, tone: 'good' as const }
        : checked?.status === 'failed' || incident.status === 'failed'
          ? { text: 'Verification failed: the fix did not work', icon: 'status-down' as const, tone: 'bad' as const }
          : { text: 'Checking that the fix worked', icon: 'schedule' as const, tone: 'info' as const };
    return { action: checked, state, readings };
  });

  protected readonly summaryHtml = computed(() => {
    const summary = this.incident()?.summary;
    return summary ? renderMarkdown(summary) : '';
  });
  protected readonly summaryUrl = computed(() => incidentSummaryUrl(this.incidentId()));

  protected readonly canRediagnose = computed(() => this.session.can('incidents:execute'));
  protected readonly canAddNote = computed(() => this.session.can('incidents:write'));
  protected readonly noteForm = new FormGroup({ note: new FormControl('', { nonNullable: true }) });
  protected readonly canSeeDecisions = computed(() => this.session.can('decisions:read'));
  protected readonly decider = computed(() => currentDecider(this.session));
  protected readonly now = signal(Date.now());
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);

  /**
   * The approval the incident's lifecycle waits for (`pendingDecisionId`), decided here through the
   * inbox's decision API. Read again after each of the incident's events, so that a second
   * supervisor sees the first one's vote.
   */
  private readonly decisionKey = computed(
    () => {
      const incident = this.incident();
      return incident?.pendingDecisionId && this.canSeeDecisions()
        ? { id: incident.pendingDecisionId, lastSeq: incident.lastSeq }
        : undefined;
    },
    // The same incident read again is no reason to read the decision again.
    { equal: (a, b) => a?.id === b?.id && a?.lastSeq === b?.lastSeq },
  );
  private readonly pendingDecision = resource({
    params: () => this.decisionKey(),
    loader: ({ params }) => firstValueFrom(this.http.get<DecisionView>(decisionUrl(params.id))),
  });
  /** Kept while it is read again, so the card does not blink out and back. */
  private readonly decision = linkedSignal<DecisionView | undefined, DecisionView | undefined>({
    source: () => valueOr(this.pendingDecision, undefined),
    computation: (source, previous) => source ?? (this.pendingDecision.isLoading() ? previous?.value : undefined),
  });
  protected readonly waitingDecision = computed(() => {
    const decision = this.decision();
    return decision?.state === 'pending' ? decision : undefined;
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 15_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    this.approvals.decided$.pipe(takeUntilDestroyed()).subscribe((event) => this.onDecided(event));
    const title = inject(Title);
    effect(() => {
      const incidentTitle = this.incident()?.title;
      if (incidentTitle) title.setTitle(`${incidentTitle} · Incidents · TrustOps`);
    });
    effect(() => {
      const incidentId = this.incidentId();
      untracked(() => void this.live.open(incidentId));
    });
  }

  protected riskOf(action: RecommendedActionView) {
    return describeRisk(action.risk);
  }

  protected actionStatus(action: RecommendedActionView) {
    return describeActionStatus(action.status);
  }

  protected policyOf(action: RecommendedActionView): string {
    return describeApprovalPolicy(action.approvalPolicy);
  }

  protected confidence(finding: FindingView) {
    return describeConfidence(finding.confidence);
  }

  /** The evidence a finding relied on, by title. */
  protected evidenceFor(finding: FindingView): EvidenceView[] {
    const ids = new Set(finding.evidenceIds);
    return (this.incident()?.evidence ?? []).filter((item) => ids.has(item.id));
  }

  protected async rediagnose(): Promise<void> {
    this.busy.set(true);
    this.problem.set(undefined);
    try {
      this.live.replace(await this.api.rediagnose(this.incidentId()));
      this.message.set('TrustOps is gathering fresh evidence and diagnosing the incident again.');
    } catch (error) {
      this.problem.set(describeHttpError(error, 'The incident could not be diagnosed again. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async addNote(): Promise<void> {
    const note = this.noteForm.controls.note.value.trim();
    if (!note) {
      this.problem.set('Write what you know in the box first.');
      return;
    }
    this.busy.set(true);
    this.problem.set(undefined);
    try {
      this.live.replace(await this.api.addNote(this.incidentId(), note));
      this.noteForm.reset();
      this.message.set('Your note is part of the evidence. Choose “Diagnose again” to have it taken into account.');
    } catch (error) {
      this.problem.set(describeHttpError(error, 'Your note could not be added. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }

  private onDecided({ decision, verdict }: DecidedEvent): void {
    if (decision.runId !== this.incident()?.runId) return;
    this.message.set(`You ${verdict === 'approve' ? 'approved' : 'rejected'} '${decision.title}'.`);
    this.pendingDecision.reload();
  }
}
