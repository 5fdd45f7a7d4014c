import { FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

/**
 * Slack's Web API under `/api` as far as TrustOps uses it: `auth.test`, `conversations.list`
 * (cursor pages in `response_metadata.next_cursor`), `chat.postMessage` (the bot must be a
 * member of the channel). Failures are HTTP 200 with `{ ok: false, error }`, as Slack does;
 * throttling is a 429 with Retry-After.
 */
export class FakeSlack extends FakeApi {
  readonly channels = [
    { id: 'C001', name: 'general', member: true },
    { id: 'C002', name: 'random', member: true },
    { id: 'C003', name: 'incidents', member: true },
    { id: 'C004', name: 'ward-7', member: false },
  ];
  readonly posted: Array<{ channel: string; text: string; thread_ts?: string; ts: string }> = [];

  constructor(readonly botToken = 'xoxb-slack-secret') {
    super();
  }

  /** The Web API base address to configure (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  protected authorized(request: FakeRequest): boolean {
    return request.headers.authorization === `Bearer ${this.botToken}`;
  }

  protected unauthorized(): FakeReply {
    return { json: { ok: false, error: 'invalid_auth' } };
  }

  protected throttled(): FakeReply {
    return { status: 429, json: { ok: false, error: 'ratelimited' } };
  }

  protected notFound(): FakeReply {
    return { status: 404, json: { ok: false, error: 'unknown_method' } };
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    const params = request.url.searchParams;
    switch (request.url.pathname) {
      case '/api/auth.test':
        return { json: { ok: true, team: 'NHS Trust', user: 'trustops', bot_id: 'B01' } };
      case '/api/conversations.list': {
        const limit = Number(params.get('limit') ?? 100);
        const start = Number(params.get('cursor') || 0);
        const page = this.channels.slice(start, start + limit).map(({ id, name }) => ({ id, name }));
        const next = start + limit < this.channels.length ? String(start + limit) : '';
        return { json: { ok: true, channels: page, response_metadata: { next_cursor: next } } };
      }
      case '/api/chat.postMessage': {
        const body = request.json as { channel: string; text: string; thread_ts?: string };
        const channel = this.channels.find((candidate) => candidate.id === body.channel);
        if (!channel) return { json: { ok: false, error: 'channel_not_found' } };
        if (!channel.member) return { json: { ok: false, error: 'not_in_channel' } };
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.posted.length + 1).padStart(6, '0')}`;
        this.posted.push({ ...body, ts });
        return { json: { ok: true, channel: channel.id, ts, message: { text: body.text, type: 'message', ts } } };
      }
      default:
        return undefined;
    }
  }
}
