import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { stepOrder } from '@trustops/runbook';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { StepGraphComponent, type GraphStepView } from '../runs/step-graph/step-graph.component';
import { confirmThenDo } from '../runs/run-actions';
import { describeDefault, describeInputType, describeStepPlan, parseUnifiedDiff } from './runbook-text';
import { runbookDiffUrl, runbookUrl, runbookVersionsUrl, RunbooksApi, type RunbookView } from './runbooks-api';
import { YamlViewComponent } from './yaml-view.component';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

/**
 * One runbook: what it asks for and a diagram of its steps, its exact YAML, and its history
 * (compare two versions, make an earlier one the newest again).
 */
@Component({
  selector: 'to-runbook-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BackLinkComponent,
    DatePipe,
    LoadStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    AreaHeaderComponent,
    RouterLink,
    StepGraphComponent,
    YamlViewComponent,
  ],
  templateUrl: './runbook-detail-page.component.html',
  styleUrl: './runbook-detail-page.component.scss',
})
export class RunbookDetailPageComponent {
  /** From the route, `/runbooks/:runbookId`. */
  readonly runbookId = input.required<string>();

  private readonly session = inject(SessionService);
  private readonly api = inject(RunbooksApi);
  private readonly dialog = inject(MatDialog);

  protected readonly canStart = computed(() => this.session.can('runs:start'));
  protected readonly canWrite = computed(() => this.session.can('runbooks:write'));

  protected readonly runbook = httpResource<RunbookView>(() =>
    forActiveTenant(this.session, { url: runbookUrl(this.runbookId()) }),
  );
  protected readonly versions = httpResource<RunbookView[]>(() =>
    forActiveTenant(this.session, { url: runbookVersionsUrl(this.runbookId()) }),
  );

  protected readonly definition = computed(() => valueOr(this.runbook, undefined)?.definition);

  protected readonly graphSteps = computed<GraphStepView[]>(() =>
    (this.definition()?.steps ?? []).map((step) => ({
      stepId: step.id,
      title: step.title ?? step.id,
      type: step.type,
      needs: step.needs,
      state: 'pending',
      attempt: 0,
      maxAttempts: step.retry?.attempts ?? 1,
    })),
  );
  protected readonly layers = computed(() => {
    const definition = this.definition();
    return definition ? stepOrder(definition) : [];
  });
  protected readonly captions = computed(() =>
    Object.fromEntries((this.definition()?.steps ?? []).map((step) => [step.id, describeStepPlan(step)])),
  );
  protected readonly inputs = computed(() =>
    (this.definition()?.inputs ?? []).map((input) => ({
      ...input,
      typeText: describeInputType(input),
      defaultText: describeDefault(input),
    })),
  );

  /** Versions to compare: the one before the newest against the newest, until the person picks others. */
  protected readonly compareFrom = linkedSignal<number | undefined>(
    () => (valueOr(this.versions, undefined) ?? [])[1]?.version,
  );
  protected readonly compareTo = linkedSignal<number | undefined>(
    () => (valueOr(this.versions, undefined) ?? [])[0]?.version,
  );
  protected readonly diff = httpResource.text(() => {
    const from = this.compareFrom();
    const to = this.compareTo();
    return from !== undefined && to !== undefined && from !== to
      ? forActiveTenant(this.session, { url: runbookDiffUrl(this.runbookId()), params: { from, to } })
      : undefined;
  });
  protected readonly diffLines = computed(() => parseUnifiedDiff(valueOr(this.diff, undefined) ?? ''));
  protected readonly shownVersion = signal<number | undefined>(undefined);
  protected readonly shownYaml = computed(() => {
    const version = this.shownVersion();
    return version === undefined
      ? undefined
      : (valueOr(this.versions, undefined) ?? []).find((item) => item.version === version);
  });

  constructor() {
    const title = inject(Title);
    effect(() => {
      const runbookTitle = this.definition()?.title;
      if (runbookTitle) title.setTitle(`${runbookTitle} · Runbooks · TrustOps`);
    });
  }

  protected async rollback(version: number): Promise<void> {
    const title = this.definition()?.title ?? this.runbookId();
    const done = await confirmThenDo(this.dialog, {
      title: `Go back to version ${version}?`,
      message: [
        `TrustOps saves a copy of version ${version} of '${title}' as its newest version. Runs started from now on use it.`,
        'Nothing is deleted: the versions in between stay in the history, and runs already started carry on unchanged.',
      ],
      confirmLabel: `Make version ${version} the newest`,
      action: () => this.api.rollback(this.runbookId(), version),
    });
    if (done) {
      this.runbook.reload();
      this.versions.reload();
    }
  }
}
