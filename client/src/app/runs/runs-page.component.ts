import { CursorPagerButtonsComponent } from '../shared/cursor-pager/cursor-pager-buttons.component';
import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  TERMINAL_RUN_STATES,
  type RunbookSummary,
  type RunListResponse,
  type RunState,
  type RunSummary,
} from '@trustops/contracts';
import { areaById } from '../core/areas';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { RUNBOOKS_URL } from '../runbooks/runbooks-api';
import { DeadLettersComponent } from './dead-letters.component';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { describeRunState, type StateView } from './run-text';
import { NO_RUN_FILTERS, RUNS_URL, toRunListParams, type RunFilters } from './runs-api';
import { StateBadgeComponent } from './state-badge.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

interface RunRow {
  run: RunSummary;
  state: StateView;
  percent: number;
  progressText: string;
}

const STATE_OPTIONS: readonly RunState[] = ['running', 'waiting', 'queued', 'succeeded', 'failed', 'cancelled'];
export const RUNS_PAGE_SIZE = 25;
const RUNS_REFRESH_MS = 10_000;

/** Every run the person may see, newest first: filters, progress, and the way to start one. */
@Component({
  selector: 'to-runs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CursorPagerButtonsComponent,
    DatePipe,
    DeadLettersComponent,
    LoadStateComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    AreaHeaderComponent,
    RouterLink,
    StateBadgeComponent,
  ],
  templateUrl: './runs-page.component.html',
  styleUrl: './runs-page.component.scss',
})
export class RunsPageComponent {
  private readonly session = inject(SessionService);

  protected readonly area = areaById('runs');
  protected readonly columns = ['runbook', 'state', 'progress', 'startedBy', 'createdAt'];
  protected readonly stateOptions = STATE_OPTIONS.map((state) => ({ state, label: describeRunState(state).text }));
  protected readonly canStart = computed(() => this.session.can('runs:start'));

  protected readonly filters = signal<RunFilters>(NO_RUN_FILTERS);
  /** Cursors of the pages before the current one; the current page's cursor (null: the newest). */
  private readonly previousCursors = signal<(string | null)[]>([]);
  private readonly cursor = signal<string | null>(null);
  protected readonly pageNumber = computed(() => this.previousCursors().length + 1);

  protected readonly page = httpResource<RunListResponse>(() =>
    forActiveTenant(this.session, {
      url: RUNS_URL,
      params: toRunListParams(this.filters(), {
        limit: RUNS_PAGE_SIZE,
        cursor: this.cursor(),
        userId: this.session.current()?.user.id,
      }),
    }),
  );
  protected readonly runbooks = httpResource<RunbookSummary[]>(() =>
    this.session.can('runbooks:read') ? forActiveTenant(this.session, { url: RUNBOOKS_URL }) : undefined,
  );

  protected readonly rows = computed<RunRow[]>(() =>
    (valueOr(this.page, undefined)?.items ?? []).map((run) => ({
      run,
      state: describeRunState(run.state),
      percent: run.progress.total === 0 ? 0 : Math.round((100 * run.progress.done) / run.progress.total),
      progressText: `${run.progress.done} of ${run.progress.total} ${run.progress.total === 1 ? 'step' : 'steps'} done`,
    })),
  );
  protected readonly hasFilters = computed(() => {
    const filters = this.filters();
    return filters.state !== '' || filters.runbookId !== '' || filters.mine;
  });
  protected readonly hasOlder = computed(() => (valueOr(this.page, undefined)?.nextCursor ?? null) !== null);

  constructor() {
    // Progress bars that never move would mislead: while a run on the page is still going, read
    // the page again now and then (the run page itself is live).
    const timer = setInterval(() => {
      const active = this.rows().some((row) => !TERMINAL_RUN_STATES.includes(row.run.state));
      if (active && !this.page.isLoading()) this.page.reload();
    }, RUNS_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected setFilter<K extends keyof RunFilters>(name: K, value: RunFilters[K]): void {
    this.filters.update((filters) => ({ ...filters, [name]: value }));
    this.showNewest();
  }

  protected clearFilters(): void {
    this.filters.set(NO_RUN_FILTERS);
    this.showNewest();
  }

  protected showNewest(): void {
    this.previousCursors.set([]);
    this.cursor.set(null);
  }

  protected showOlder(): void {
    const next = valueOr(this.page, undefined)?.nextCursor ?? null;
    if (next === null) return;
    this.previousCursors.update((cursors) => [...cursors, this.cursor()]);
    this.cursor.set(next);
  }

  protected showNewer(): void {
    const cursors = this.previousCursors();
    if (cursors.length === 0) return;
    this.cursor.set(cursors.at(-1) ?? null);
    this.previousCursors.set(cursors.slice(0, -1));
  }
}
