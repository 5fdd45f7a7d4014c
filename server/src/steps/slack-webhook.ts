import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';

const SLACK_TIMEOUT_MILLISECONDS = 10_000;

/** Posts messages to the Slack incoming webhook in `SLACK_WEBHOOK_URL`, when one is configured. */
@Injectable()
export class SlackWebhook {
  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.env.SLACK_WEBHOOK_URL !== undefined;
  }

  /** Throws (a retryable error) when Slack does not accept the message. The address is a secret: never in messages. */
  async post(text: string, signal: AbortSignal): Promise<void> {
    const url = this.config.env.SLACK_WEBHOOK_URL;
    if (!url) return;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        redirect: 'error',
        signal: AbortSignal.any([signal, AbortSignal.timeout(SLACK_TIMEOUT_MILLISECONDS)]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Error('Slack could not be reached to post the notification.', { cause: error });
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`Slack refused the notification (HTTP ${response.status}).`);
  }
}
