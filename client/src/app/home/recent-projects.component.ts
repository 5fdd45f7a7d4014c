import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { RunListResponse, RunSummary } from '@trustops/contracts';
import { SessionService, valueOr } from '../core/session.service';
import { RUNS_URL } from '../runs/runs-api';
import { wizardByRunbook } from '../wizards/wizard-catalogue';

const STATE_WORDS: Record<RunSummary['state'], string> = {
  queued: 'Starting',
  running: 'Working',
  waiting: 'Waiting',
  succeeded: 'Finished',
  failed: 'Stopped with a problem',
  cancelled: 'Cancelled',
};

/** My recent wizard runs ("projects"), each with a button to continue where it is. */
@Component({
  selector: 'to-recent-projects',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, RouterLink],
  template: `
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent projects</h2>
      @if (projects().length === 0) {
        <p class="empty">Nothing yet. Start a wizard above and it will be listed here.</p>
      } @else {
        <ul class="projects">
          @for (project of projects(); track project.run.id) {
            <li>
              <span class="title">{{ project.title }}</span>
              <span class="when"
                >Last: {{ project.run.finishedAt ?? project.run.createdAt | date: 'd MMM, HH:mm' }}</span
              >
              <span class="state">{{ stateWords(project.run) }}</span>
              <a mat-stroked-button [routerLink]="['/wizards', project.key, 'runs', project.run.id]">Continue</a>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    h2 {
      margin: 0 0 0.75rem;
    }

    .projects {
      list-style: none;
      padding: 0;
      margin: 0;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    .projects li {
      display: grid;
      grid-template-columns: minmax(12rem, 1fr) 10rem 10rem auto;
      gap: 1rem;
      align-items: center;
      padding: 0.5rem 1rem;
      border-bottom: 1px solid var(--to-color-border);
    }

    .projects li:last-child {
      border-bottom: none;
    }

    .title {
      font-weight: 700;
    }

    .when,
    .state,
    .empty {
      color: var(--to-color-secondary-text);
    }
  `,
})
export class RecentProjectsComponent {
  private readonly session = inject(SessionService);

  private readonly runs = httpResource<RunListResponse>(() => {
    const userId = this.session.current()?.user.id;
    return userId ? { url: RUNS_URL, params: { startedBy: userId, limit: '50' } } : undefined;
  });

  protected readonly projects = computed(() =>
    (valueOr(this.runs, undefined)?.items ?? [])
      .map((run) => ({ run, wizard: wizardByRunbook(run.runbookId) }))
      .filter((item) => item.wizard !== undefined)
      .slice(0, 5)
      .map(({ run, wizard }) => ({ run, key: wizard?.key ?? '', title: wizard?.title ?? run.runbookTitle })),
  );

  protected stateWords(run: RunSummary): string {
    return STATE_WORDS[run.state];
  }
}
