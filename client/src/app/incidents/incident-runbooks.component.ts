import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { RunbookSummary } from '@trustops/contracts';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { RUNBOOKS_URL } from '../runbooks/runbooks-api';
import { LoadStateComponent } from '../shared/load-state/load-state.component';

/** The label every incident runbook carries (`tags: [incident]`). */
export const INCIDENT_RUNBOOK_TAG = 'incident';

/**
 * The runbook library's incident runbooks (those labelled `incident`), each linking to its page
 * in the Runbooks area, which shows its steps, diagram and versions.
 */
@Component({
  selector: 'to-incident-runbooks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, MatIconModule, RouterLink],
  template: `
    <section aria-labelledby="incident-runbooks-heading">
      <div class="section-toolbar">
        <div>
          <h2 id="incident-runbooks-heading">Incident runbooks</h2>
          <p class="hint">The written-down fixes TrustOps can carry out, each with its approval step.</p>
        </div>
        <a routerLink="/runbooks">
          The whole runbook library
          <mat-icon svgIcon="arrow-forward" aria-hidden="true" />
        </a>
      </div>
      <to-load-state
        [resource]="runbooks"
        loadingLabel="Loading incident runbooks"
        failureMessage="We could not load the incident runbooks."
      />
      @if (runbooks.hasValue() && shown().length === 0) {
        <p class="empty-state">No incident runbooks yet.</p>
      }
      <ul aria-label="Incident runbooks">
        @for (runbook of shown(); track runbook.id) {
          <li>
            <mat-icon svgIcon="runbook" aria-hidden="true" />
            <div>
              <a [routerLink]="['/runbooks', runbook.id]">{{ runbook.title }}</a>
              <p>{{ runbook.description }}</p>
            </div>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }

    .hint {
      margin: 0;
      color: var(--to-color-secondary-text);
    }

    .section-toolbar a {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }

    ul {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      gap: 0.75rem;
      padding: 0;
      margin: 0;
      list-style: none;
    }

    li {
      display: flex;
      gap: 0.75rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);

      > .mat-icon {
        flex: none;
        color: var(--to-color-dark-blue);
      }

      a {
        font-weight: 700;
      }

      p {
        margin: 0.25rem 0 0;
        font-size: 0.9375rem;
      }
    }
  `,
})
export class IncidentRunbooksComponent {
  private readonly session = inject(SessionService);

  protected readonly runbooks = httpResource<RunbookSummary[]>(() =>
    this.session.can('runbooks:read') ? forActiveTenant(this.session, { url: RUNBOOKS_URL }) : undefined,
  );
  protected readonly shown = computed(() =>
    (valueOr(this.runbooks, undefined) ?? [])
      .filter((runbook) => runbook.tags.includes(INCIDENT_RUNBOOK_TAG))
      .sort((a, b) => a.title.localeCompare(b.title, 'en-GB')),
  );
}
