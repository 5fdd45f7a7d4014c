import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RUN_EVENT_TYPES, type EventStream } from '@trustops/contracts';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import { EventsService, MAX_EVENTS_PER_READ } from '../platform/events/index.js';
import type { StepContext, StepHandler, StepOutcome } from '../runs/step-handler.js';
import { SlackWebhook } from './slack-webhook.js';
import { knownParameters, oneOf, optionalText, problemsOf, requiredText } from './step-parameters.js';

/** The event a `notify` step appends to the run's stream (payload: `NotificationPayload`). */
export const NOTIFICATION_EVENT_TYPE = RUN_EVENT_TYPES.notification;

const LEVELS = ['info', 'warning', 'urgent'] as const;

export interface NotificationPayload {
  stepId: string;
  /** Identifies the attempt that sent it, so that a redelivered step does not send it twice. */
  effectKey: string;
  title: string | null;
  message: string;
  level: (typeof LEVELS)[number];
  /** `in-app`, plus `slack` when the Slack webhook is configured. */
  channels: string[];
}

/**
 * `notify`: tells people something. `with: { message, title?, level? }` (level info, warning or
 * urgent). In-app: a `notification` event on the run's stream (the run page and anyone
 * following the run see it live) and an audit record. When `SLACK_WEBHOOK_URL` is set, the
 * message is also posted to Slack.
 *
 * Redelivery of the same attempt finds its own event and sends nothing again. Slack is posted
 * before the event is committed: a crash between the two can post to Slack twice, never zero times.
 */
@Injectable()
export class NotifyStep implements StepHandler {
  readonly type = 'notify';

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly slack: SlackWebhook,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  validate(params: Record<string, unknown>): string[] {
    const known = knownParameters(params);
    return problemsOf(() => {
      if (!('message' in params)) requiredText(known, 'message', this.type, '"The interface has been restarted"');
      optionalText(known, 'title', this.type);
      oneOf(known, 'level', LEVELS, 'info', this.type);
    });
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const message = requiredText(context.params, 'message', this.type, '"The interface has been restarted"');
    const title = optionalText(context.params, 'title', this.type) ?? null;
    const level = oneOf(context.params, 'level', LEVELS, 'info', this.type);
    const stream: EventStream = { kind: 'run', id: context.runId };

    const earlier = await this.findEarlier(context, stream);
    if (earlier) return { status: 'succeeded', output: { channels: earlier.channels, message: earlier.message } };

    const channels = ['in-app'];
    if (this.slack.configured) {
      await this.slack.post(this.slackText(context, title, message, level), context.signal);
      channels.push('slack');
    }
    const payload: NotificationPayload = {
      stepId: context.stepId,
      effectKey: context.effectKey,
      title,
      message,
      level,
      channels,
    };
    await context.markStarted();
    const event = await this.dataSource.transaction(async (manager) => {
      const appended = await this.events.append(
        {
          tenantId: context.tenantId,
          stream,
          type: NOTIFICATION_EVENT_TYPE,
          runId: context.runId,
          actor: { type: 'system', userId: null, displayName: 'Runbook engine' },
          source: 'steps',
          payload: { ...payload },
        },
        manager,
      );
      // The message itself stays on the run; the audit trail records that people were notified, and how.
      await this.audit.record(
        {
          tenantId: context.tenantId,
          actor: { type: 'system', userId: 'runs', displayName: 'Runbook engine' },
          action: 'notification.sent',
          resource: { type: 'run', id: context.runId },
          after: { stepId: context.stepId, level, channels },
        },
        { manager },
      );
      return appended;
    });
    await this.events.publish([event]);
    return { status: 'succeeded', output: { channels, message } };
  }

  private async findEarlier(context: StepContext, stream: EventStream): Promise<NotificationPayload | undefined> {
    for (let afterSeq = 0; ;) {
      const page = await this.events.list(context.tenantId, stream, afterSeq, MAX_EVENTS_PER_READ);
      const found = page.find(
        (event) => event.type === NOTIFICATION_EVENT_TYPE && event.payload['effectKey'] === context.effectKey,
      );
      if (found) return found.payload as unknown as NotificationPayload;
      if (page.length < MAX_EVENTS_PER_READ) return undefined;
      afterSeq = page[page.length - 1].seq;
    }
  }

  private slackText(
    context: StepContext,
    title: string | null,
    message: string,
    level: (typeof LEVELS)[number],
  ): string {
    const marker = level === 'urgent' ? ':rotating_light: ' : level === 'warning' ? ':warning: ' : '';
    const heading = title ? `*${title}*\n` : '';
    return `${marker}${heading}${message}\n<${this.config.publicUrl}/runs/${context.runId}|Open the run in TrustOps>`;
  }
}
