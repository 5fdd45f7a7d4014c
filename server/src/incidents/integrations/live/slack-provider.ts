import type { IntegrationHealth } from '@trustops/contracts';
import {
  IntegrationError,
  type CommunicationProvider,
  type IntegrationCall,
  type PostedMessage,
} from '../providers.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
  type LiveRequest,
} from './live-http.js';

export interface SlackSettings {
  /** The Web API, https://slack.com/api. */
  url: string;
  botToken?: string;
  pageSize?: number;
}

interface SlackAnswer {
  ok: boolean;
  error?: string;
  needed?: string;
}

const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
]);

/**
 * Slack through the Web API with a bot token: `chat.postMessage` (threads by `thread_ts`),
 * channel names resolved to ids with `conversations.list` (cursor pages), `auth.test` as the
 * health check. Slack answers most failures with HTTP 200 and `ok: false`; those become plain
 * sentences here. Its 429s (with Retry-After) are retried by the shared client.
 */
export class SlackProvider implements CommunicationProvider {
  readonly name = 'slack' as const;
  readonly kind = 'communication' as const;
  readonly mode = 'live' as const;
  private readonly http: LiveHttpClient;
  readonly missing: string | null;
  private readonly pageSize: number;
  private readonly channelIds = new Map<string, string>();

  constructor(settings: SlackSettings, options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS) {
    this.missing = settings.botToken ? null : notConfigured('slack', 'SLACK_BOT_TOKEN');
    this.pageSize = settings.pageSize ?? 200;
    const headers = { authorization: `Bearer ${settings.botToken}` };
    this.http = new LiveHttpClient(
      settings.url,
      {
        integration: 'slack',
        authorize: () => headers,
        authFailure: ({ status }) => `Slack refused the bot token (${status}). Check SLACK_BOT_TOKEN.`,
        errorDetail: (response) => (response.json as SlackAnswer | undefined)?.error,
      },
      options,
    );
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    return probeHealth('slack', this.missing, async () => {
      await this.method(call, { method: 'POST', path: '/auth.test' }, '');
    });
  }

  async postMessage(
    call: IntegrationCall,
    message: { channel: string; text: string; threadId?: string },
  ): Promise<PostedMessage> {
    requireConfigured('slack', this.missing);
    const channel = await this.channelId(call, message.channel);
    const posted = await this.method<{ channel: string; ts: string; message?: { text?: string } }>(
      call,
      {
        method: 'POST',
        path: '/chat.postMessage',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          channel,
          text: message.text,
          ...(message.threadId ? { thread_ts: message.threadId } : {}),
        }),
      },
      message.channel,
    );
    const seconds = Number(posted.ts.split('.')[0]);
    return {
      channel: posted.channel,
      id: posted.ts,
      text: posted.message?.text ?? message.text,
      postedAt: new Date(Number.isFinite(seconds) ? seconds * 1000 : Date.now()).toISOString(),
    };
  }

  /** `#incidents` → its id (cached); ids (`C…`, `G…`) and user ids pass through. */
  private async channelId(call: IntegrationCall, channel: string): Promise<string> {
    if (!channel.startsWith('#')) return channel;
    const name = channel.slice(1);
    const cached = this.channelIds.get(name);
    if (cached) return cached;
    let found: string | undefined;
    await collectPages<{ id: string; name: string }, string>(async (cursor) => {
      const page = await this.method<{
        channels: Array<{ id: string; name: string }>;
        response_metadata?: { next_cursor?: string };
      }>(
        call,
        {
          path: '/conversations.list',
          query: { types: 'public_channel,private_channel', exclude_archived: 'true', limit: this.pageSize, cursor },
        },
        channel,
      );
      found = page.channels.find((candidate) => candidate.name === name)?.id;
      return { items: page.channels, next: found ? undefined : page.response_metadata?.next_cursor || undefined };
    });
    if (!found) throw this.refusal('channel_not_found', channel);
    this.channelIds.set(name, found);
    return found;
  }

  /** Calls a Web API method and turns `ok: false` into a plain-English error. */
  private async method<T>(call: IntegrationCall, request: LiveRequest, channel: string): Promise<T & SlackAnswer> {
    const answer = await this.http.json<T & SlackAnswer>(call, request);
    if (!answer.ok) throw this.refusal(answer.error ?? 'unknown_error', channel, answer.needed);
    return answer;
  }

  private refusal(error: string, channel: string, needed?: string): IntegrationError {
    if (AUTH_ERRORS.has(error)) {
      return new IntegrationError(
        'slack',
        `Slack refused the bot token (${error}). Check SLACK_BOT_TOKEN.`,
        false,
        401,
      );
    }
    switch (error) {
      case 'channel_not_found':
        return new IntegrationError(
          'slack',
          `Slack has no channel ${channel} that the bot can see. Check SLACK_INCIDENT_CHANNEL, or invite the bot to it.`,
          false,
          404,
        );
      case 'not_in_channel':
        return new IntegrationError(
          'slack',
          `The Slack bot is not a member of ${channel}. Invite it to the channel.`,
          false,
          403,
        );
      case 'missing_scope':
        return new IntegrationError(
          'slack',
          `The Slack bot token lacks a permission it needs (${needed ?? 'missing_scope'}). Add the scope to the Slack app and reinstall it.`,
          false,
          403,
        );
      case 'is_archived':
        return new IntegrationError('slack', `The Slack channel ${channel} is archived.`, false, 400);
      case 'msg_too_long':
        return new IntegrationError('slack', 'The message is too long for Slack.', false, 400);
      case 'ratelimited':
        return new IntegrationError(
          'slack',
          'Slack is limiting how often TrustOps may post. Try again in a minute.',
          true,
          429,
        );
      default:
        return new IntegrationError('slack', `Slack refused the request (${error}).`, false, 400);
    }
  }
}
