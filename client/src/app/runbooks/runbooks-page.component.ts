import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { RunbookSummary } from '@trustops/contracts';
import { areaById } from '../core/areas';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { RUNBOOKS_URL } from './runbooks-api';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

/** The runbook library: every runbook the organisation can run, findable by words in it. */
@Component({
  selector: 'to-runbooks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    LoadStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    AreaHeaderComponent,
    RouterLink,
  ],
  template: `
    <to-area-header [area]="area">
      @if (canWrite()) {
        <a mat-flat-button routerLink="/runbooks/new">
          <mat-icon svgIcon="add" />
          Add a runbook
        </a>
      }
    </to-area-header>

    <mat-form-field class="search" subscriptSizing="dynamic">
      <mat-label>Find a runbook</mat-label>
      <input matInput [value]="query()" (input)="query.set($any($event.target).value)" autocomplete="off" />
      <mat-hint>Words from its name, description or labels</mat-hint>
    </mat-form-field>

    <to-load-state
      [resource]="runbooks"
      loadingLabel="Loading runbooks"
      failureMessage="We could not load the runbooks."
    />
    @if (runbooks.hasValue() && shown().length === 0) {
      <div class="empty-state">
        @if (query()) {
          <h3>No runbook matches “{{ query() }}”</h3>
          <p>Try fewer or different words.</p>
        } @else {
          <h3>No runbooks yet</h3>
          <p>Runbooks from the built-in library, and ones your organisation adds, appear here.</p>
        }
      </div>
    }
    <ul class="card-grid runbooks" aria-label="Runbooks">
      @for (runbook of shown(); track runbook.id) {
        <li [attr.data-runbook-id]="runbook.id">
          <h2>
            <a [routerLink]="['/runbooks', runbook.id]">{{ runbook.title }}</a>
          </h2>
          <p class="description">{{ runbook.description }}</p>
          <p class="meta">
            <span class="source">{{ runbook.source === 'builtin' ? 'Built in' : 'Made here' }}</span>
            <span>Version {{ runbook.version }}</span>
            <span
              >Updated <time [attr.datetime]="runbook.updatedAt">{{ runbook.updatedAt | date: 'd MMM y' }}</time></span
            >
          </p>
          @if (runbook.tags.length > 0) {
            <ul class="tags" aria-label="Labels">
              @for (tag of runbook.tags; track tag) {
                <li>{{ tag }}</li>
              }
            </ul>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }

    .search {
      width: 100%;
      max-width: 28rem;
      margin-bottom: 1.5rem;
    }

    .description {
      margin: 0 0 0.5rem;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .source {
      font-weight: 700;
    }

    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      padding: 0;
      margin: 0.5rem 0 0;
      list-style: none;

      li {
        padding: 0 0.5rem;
        border-radius: 999px;
        background: var(--to-color-pale-grey);
        font-size: 0.8125rem;
      }
    }
  `,
})
export class RunbooksPageComponent {
  private readonly session = inject(SessionService);
  protected readonly area = areaById('runbooks');
  protected readonly canWrite = computed(() => this.session.can('runbooks:write'));
  protected readonly query = signal('');

  protected readonly runbooks = httpResource<RunbookSummary[]>(() =>
    forActiveTenant(this.session, { url: RUNBOOKS_URL }),
  );
  protected readonly shown = computed(() => {
    const words = this.query().toLowerCase().split(/\s+/).filter(Boolean);
    return [...(valueOr(this.runbooks, undefined) ?? [])]
      .filter((runbook) => {
        const text = [runbook.title, runbook.description, runbook.id, ...runbook.tags].join(' ').toLowerCase();
        return words.every((word) => text.includes(word));
      })
      .sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  });
}
