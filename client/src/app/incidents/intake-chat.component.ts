import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  INCIDENT_EVENT_TYPES,
  type FindingView,
  type IncidentCategory,
  type IncidentDetail,
  type IncidentSeverity,
  type LiveEventMessage,
  type RecommendedActionView,
} from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { describeHttpError } from '../core/http-error';
import { LiveEventsService } from '../core/live/live-events.service';
import { IncidentsApi } from './incidents-api';
import {
  describeApprovalPolicy,
  describeCategory,
  describeConfidence,
  describeRisk,
  describeSeverity,
} from './incident-text';

export interface ChatMessage {
  from: 'person' | 'platform';
  text: string;
  /** The incident the message is about, for a link to it. */
  incidentId?: string;
  tone?: 'problem';
}

/**
 * What the platform says when something happens to the incident it opened, in plain English;
 * undefined for events the conversation does not mention (the incident page shows them all).
 */
export function chatLineFor(event: Pick<LiveEventMessage, 'type' | 'payload'>): string | undefined {
  const payload = event.payload;
  switch (event.type) {
    case INCIDENT_EVENT_TYPES.classified: {
      const category = describeCategory(payload['category'] as IncidentCategory).toLowerCase();
      const severity = describeSeverity(payload['severity'] as IncidentSeverity).text.toLowerCase();
      const service = typeof payload['service'] === 'string' ? ` It affects ${payload['service']}.` : '';
      return `I have classed it as: ${category}, ${severity} severity.${service}`;
    }
    case INCIDENT_EVENT_TYPES.evidenceGathered: {
      const count = Number(payload['count'] ?? 0);
      return `I have gathered ${count} ${count === 1 ? 'piece' : 'pieces'} of evidence: alerts, measurements, logs and recent releases.`;
    }
    case INCIDENT_EVENT_TYPES.diagnosed: {
      const finding = payload as unknown as FindingView;
      return `The likely cause: ${finding.rootCause} (${describeConfidence(finding.confidence).text}).`;
    }
    case INCIDENT_EVENT_TYPES.recommended: {
      const top = (payload['actions'] as RecommendedActionView[] | undefined)?.[0];
      return top
        ? `What I suggest: ${top.title}. ${describeRisk(top.risk).text}; ${describeApprovalPolicy(top.approvalPolicy).toLowerCase()}.`
        : 'I have no action to suggest yet. Open the incident to add what you know.';
    }
    case INCIDENT_EVENT_TYPES.approvalRequested:
      return 'A supervisor has been asked to approve it. You can follow it on the incident page.';
    default:
      return undefined;
  }
}

/**
 * "Describe the problem": a conversation in which the person says what is wrong in their own
 * words, and the platform acknowledges it, opens an incident and says, as it happens, how it has
 * classified and diagnosed it. Announced to screen readers as a log.
 */
@Component({
  selector: 'to-intake-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ReactiveFormsModule, RouterLink],
  template: `
    <section class="chat" aria-labelledby="intake-heading">
      <h2 id="intake-heading">Describe the problem</h2>
      <ol #log class="messages" role="log" aria-live="polite" aria-label="Conversation">
        <li class="platform">
          <span class="who">TrustOps</span>
          <p>What is going wrong? Say it in your own words, as you would to a colleague.</p>
        </li>
        @for (message of messages(); track $index) {
          <li [class]="message.from" [attr.data-tone]="message.tone">
            <span class="who">{{ message.from === 'person' ? 'You' : 'TrustOps' }}</span>
            <p>{{ message.text }}</p>
            @if (message.incidentId) {
              <a [routerLink]="['/incidents', message.incidentId]">
                Open the incident
                <mat-icon svgIcon="arrow-forward" aria-hidden="true" />
              </a>
            }
          </li>
        }
      </ol>
      <form [formGroup]="form" (ngSubmit)="send()" class="composer">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>What is the problem?</mat-label>
          <textarea
            matInput
            formControlName="description"
            rows="2"
            (keydown.enter)="sendOnEnter($any($event))"
          ></textarea>
          <mat-hint>For example: {{ example() }}. Press Enter to send, Shift and Enter for a new line.</mat-hint>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="sending()">
          <mat-icon svgIcon="arrow-forward" />
          Report the problem
        </button>
      </form>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }

    .chat {
      padding: 1rem 1.25rem;
      border: 1px solid var(--to-color-border);
      border-top: 4px solid var(--to-color-blue);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    h2 {
      margin: 0 0 0.75rem;
    }

    .messages {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      max-height: 32rem;
      padding: 0;
      margin: 0 0 1rem;
      overflow-y: auto;
      list-style: none;

      li {
        max-width: 80%;
        padding: 0.5rem 0.875rem;
        border-radius: 12px;
      }

      p {
        margin: 0;
      }
    }

    .platform {
      align-self: flex-start;
      border-bottom-left-radius: 2px;
      background: var(--to-color-pale-grey);
    }

    .person {
      align-self: flex-end;
      border-bottom-right-radius: 2px;
      background: var(--to-color-blue);
      color: var(--to-color-white);
    }

    [data-tone='problem'] {
      border-left: 4px solid var(--to-color-red);
      background: #fbe9e7;
    }

    .who {
      display: block;
      font-size: 0.8125rem;
      font-weight: 700;
    }

    a {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      margin-top: 0.25rem;
      font-weight: 700;

      .mat-icon {
        width: 1.125rem;
        height: 1.125rem;
      }
    }

    .composer {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: flex-start;

      mat-form-field {
        flex: 1 1 20rem;
      }

      button {
        margin-top: 0.5rem;
      }
    }
  `,
})
export class IntakeChatComponent {
  private readonly api = inject(IncidentsApi);
  private readonly live = inject(LiveEventsService);
  private following: Subscription | undefined;

  /** A report that fits the active scenario, as the hint's example. */
  readonly example = input('checkout is failing after the deploy');
  /** Each incident opened from here, once the server has it. */
  readonly reported = output<IncidentDetail>();

  // Not `required`: an empty report is simply not sent, rather than shown in red after each one.
  protected readonly description = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ description: this.description });
  protected readonly messages = signal<ChatMessage[]>([]);
  protected readonly sending = signal(false);

  private readonly log = viewChild.required<ElementRef<HTMLElement>>('log');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.following?.unsubscribe());
    // The newest message in view, as in any conversation.
    afterRenderEffect(() => {
      this.messages();
      const log = this.log().nativeElement;
      log.scrollTop = log.scrollHeight;
    });
  }

  protected sendOnEnter(event: KeyboardEvent): void {
    if (event.shiftKey) return;
    event.preventDefault();
    void this.send();
  }

  protected async send(): Promise<void> {
    const text = this.description.value.trim();
    if (!text || this.sending()) return;
    this.sending.set(true);
    this.say({ from: 'person', text });
    this.say({ from: 'platform', text: 'Thank you. I am opening an incident and starting to look into it now.' });
    try {
      const incident = await this.api.report(text);
      this.description.reset();
      this.say({
        from: 'platform',
        text: `I have opened the incident “${incident.title}”. I will tell you here what I find.`,
        incidentId: incident.id,
      });
      this.reported.emit(incident);
      this.follow(incident);
    } catch (error) {
      this.say({
        from: 'platform',
        tone: 'problem',
        text: describeHttpError(error, 'I could not open an incident. Please try again.'),
      });
    } finally {
      this.sending.set(false);
    }
  }

  private follow(incident: IncidentDetail): void {
    this.following?.unsubscribe();
    this.following = this.live.watch({ kind: 'incident', id: incident.id }, incident.lastSeq).subscribe({
      next: (event) => {
        const text = chatLineFor(event);
        // The way to the incident goes with the suggestion, where the person has something to do.
        const linked = event.type === INCIDENT_EVENT_TYPES.recommended;
        if (text) this.say({ from: 'platform', text, ...(linked ? { incidentId: incident.id } : {}) });
      },
      error: () =>
        this.say({
          from: 'platform',
          tone: 'problem',
          text: 'I cannot send live updates here just now. The incident page has everything so far.',
          incidentId: incident.id,
        }),
    });
  }

  private say(message: ChatMessage): void {
    this.messages.update((messages) => [...messages, message]);
  }
}
