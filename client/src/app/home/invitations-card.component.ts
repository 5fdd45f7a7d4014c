import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ReceivedInvitation, ReceivedInvitationListResponse } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService } from '../core/session.service';
import { TenantSwitcher } from '../core/tenant-switcher';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { InvitationsApi, INVITATIONS_URL } from './invitations-api';

/** Where one invitation stands on this page. */
type Answer =
  { kind: 'open'; busy: boolean; error?: string } | { kind: 'joined'; switching: boolean } | { kind: 'declined' };

/**
 * Home: the invitations waiting for the signed-in person — "Priya Shah invited you to join
 * Riverside … as Compliance officer. [Join] [Decline]" — and, once joined, switching to it.
 * Shows nothing when there are none.
 */
@Component({
  selector: 'to-invitations-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormErrorComponent, MatButtonModule, MatIconModule],
  template: `
    @if (shown().length > 0) {
      <section class="invitations" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{{ shown().length === 1 ? 'An invitation for you' : 'Invitations for you' }}</h2>
        <ul>
          @for (invitation of shown(); track invitation.id) {
            @let answer = answerTo(invitation.id);
            <li class="invitation">
              <span class="icon-frame small" aria-hidden="true"><mat-icon svgIcon="organisation" /></span>
              <div class="body">
                @switch (answer.kind) {
                  @case ('open') {
                    <p class="offer">
                      {{ invitation.invitedBy.displayName }} invited you to join
                      <strong>{{ invitation.organisation.name }}</strong> as {{ invitation.roleName }}.
                    </p>
                    <p class="when">
                      Sent
                      <time [attr.datetime]="invitation.invitedAt">{{ invitation.invitedAt | date: 'd MMMM y' }}</time>.
                      Open until
                      <time [attr.datetime]="invitation.expiresAt">{{ invitation.expiresAt | date: 'd MMMM y' }}</time>.
                    </p>
                    @if (answer.error) {
                      <to-form-error>{{ answer.error }}</to-form-error>
                    }
                    <div class="actions">
                      <button
                        mat-flat-button
                        type="button"
                        [disabled]="answer.busy"
                        [attr.aria-label]="'Join ' + invitation.organisation.name"
                        (click)="join(invitation)"
                      >
                        Join
                      </button>
                      <button
                        mat-stroked-button
                        type="button"
                        [disabled]="answer.busy"
                        [attr.aria-label]="'Decline the invitation to join ' + invitation.organisation.name"
                        (click)="decline(invitation)"
                      >
                        Decline
                      </button>
                    </div>
                  }
                  @case ('joined') {
                    <p class="offer" role="status" [id]="'joined-' + invitation.id">
                      You have joined <strong>{{ invitation.organisation.name }}</strong> as {{ invitation.roleName }}.
                      You can switch to it now, or later from the menu under your name.
                    </p>
                    <div class="actions">
                      <button
                        mat-flat-button
                        type="button"
                        [disabled]="answer.switching"
                        [attr.aria-describedby]="'joined-' + invitation.id"
                        (click)="switchTo(invitation)"
                      >
                        Switch to it now
                      </button>
                    </div>
                  }
                  @case ('declined') {
                    <p class="offer" role="status">
                      You declined the invitation to join {{ invitation.organisation.name }}.
                    </p>
                  }
                }
              </div>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .invitations {
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-blue);
      border-radius: 8px;
      background: var(--to-color-white);
    }

    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.375rem;
    }

    ul {
      padding: 0;
      margin: 0;
      list-style: none;
    }

    .invitation {
      display: flex;
      gap: 1rem;
      align-items: flex-start;

      & + .invitation {
        padding-top: 1rem;
        margin-top: 1rem;
        border-top: 1px solid var(--to-color-border);
      }
    }

    .body {
      flex: 1;
      min-width: 0;
    }

    .offer {
      margin: 0 0 0.25rem;
      font-size: 1.1875rem;
      line-height: 1.5;
    }

    .when {
      margin: 0 0 0.75rem;
      color: var(--to-color-secondary-text);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 0.75rem;
    }

    to-form-error {
      margin-top: 0.5rem;
    }
  `,
})
export class InvitationsCardComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(InvitationsApi);
  private readonly tenantSwitcher = inject(TenantSwitcher);

  private readonly invitations = httpResource<ReceivedInvitationListResponse>(() =>
    forActiveTenant(this.session, { url: INVITATIONS_URL }),
  );
  /** Answers given on this page, by invitation id; the list itself is what the server last said. */
  private readonly answers = signal<Readonly<Record<string, Answer>>>({});
  /** What was fetched, plus those answered here (kept so that the page can say what happened). */
  private readonly answered = signal<readonly ReceivedInvitation[]>([]);

  protected readonly shown = computed(() => {
    const fetched = this.invitations.hasValue() ? this.invitations.value().items : [];
    const kept = this.answered().filter((invitation) => !fetched.some((item) => item.id === invitation.id));
    return [...fetched, ...kept];
  });

  protected answerTo(invitationId: string): Answer {
    return this.answers()[invitationId] ?? { kind: 'open', busy: false };
  }

  protected async join(invitation: ReceivedInvitation): Promise<void> {
    await this.answer(invitation, async () => {
      await this.api.accept(invitation.id);
      // The account menu lists the organisation from now on.
      this.session.reload();
      return { kind: 'joined', switching: false };
    });
  }

  protected async decline(invitation: ReceivedInvitation): Promise<void> {
    await this.answer(invitation, async () => {
      await this.api.decline(invitation.id);
      return { kind: 'declined' };
    });
  }

  protected async switchTo(invitation: ReceivedInvitation): Promise<void> {
    this.setAnswer(invitation.id, { kind: 'joined', switching: true });
    const switched = await this.tenantSwitcher.switchTo(invitation.organisation.id, invitation.organisation.name);
    if (switched) {
      this.answered.update((kept) => kept.filter((item) => item.id !== invitation.id));
    } else {
      this.setAnswer(invitation.id, { kind: 'joined', switching: false });
    }
  }

  private async answer(invitation: ReceivedInvitation, send: () => Promise<Answer>): Promise<void> {
    this.setAnswer(invitation.id, { kind: 'open', busy: true });
    try {
      const answer = await send();
      this.answered.update((kept) => [...kept.filter((item) => item.id !== invitation.id), invitation]);
      this.setAnswer(invitation.id, answer);
      this.invitations.reload();
    } catch (error) {
      this.setAnswer(invitation.id, {
        kind: 'open',
        busy: false,
        error: describeHttpError(error, 'We could not answer the invitation. Try again.'),
      });
    }
  }

  private setAnswer(invitationId: string, answer: Answer): void {
    this.answers.update((answers) => ({ ...answers, [invitationId]: answer }));
  }
}
