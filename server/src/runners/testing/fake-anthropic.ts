import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One content block of a scripted reply. */
export type FakeBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id?: string; name: string; input: Record<string, unknown> };

/** What the fake answers to the next `POST /v1/messages`. */
export type FakeReply =
  | {
      kind: 'message';
      content: FakeBlock[];
      /** Defaults to `tool_use` when a block is a tool use, else `end_turn`. */
      stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal';
      usage?: {
        input_tokens: number;
        output_tokens: number;
        cache_creation_input_tokens?: number;
        cache_read_input_tokens?: number;
      };
      /** Defaults to the requested model. */
      model?: string;
      /** Streaming only: wait this long before each text delta (a slow, long answer). */
      deltaDelayMs?: number;
    }
  | {
      kind: 'error';
      status: number;
      /** The API's error type (`invalid_request_error`, `authentication_error`, `rate_limit_error`, `api_error`, `overloaded_error`). */
      type: string;
      message: string;
      headers?: Record<string, string>;
    }
  /** A 200 whose body (or, streaming, whose first event) is not valid JSON. */
  | { kind: 'malformed' };

/** A request the fake received, for assertions. */
export interface FakeRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    max_tokens: number;
    stream?: boolean;
    system?: unknown;
    tools?: Array<{ name: string }>;
    messages: Array<{ role: 'user' | 'assistant'; content: string | Array<Record<string, unknown>> }>;
  };
}

export function textReply(text: string, usage = { input_tokens: 100, output_tokens: 20 }): FakeReply {
  return { kind: 'message', content: [{ type: 'text', text }], usage };
}

export function toolUseReply(
  name: string,
  input: Record<string, unknown>,
  options: { text?: string; id?: string; usage?: { input_tokens: number; output_tokens: number } } = {},
): FakeReply {
  return {
    kind: 'message',
    content: [
      ...(options.text ? [{ type: 'text' as const, text: options.text }] : []),
      { type: 'tool_use', id: options.id, name, input },
    ],
    usage: options.usage ?? { input_tokens: 120, output_tokens: 30 },
  };
}

export function errorReply(status: number, type: string, message: string, headers?: Record<string, string>): FakeReply {
  return { kind: 'error', status, type, message, headers };
}

/**
 * A local stand-in for the Anthropic Messages API, speaking its wire format: `POST /v1/messages`
 * with and without `stream: true` (server-sent events `message_start`, `content_block_start`,
 * `content_block_delta` with `text_delta` and `input_json_delta`, `content_block_stop`,
 * `message_delta` with usage and stop reason, `message_stop`), and error bodies as the API sends
 * them. Each test scripts the replies; the real SDK talks to it through `baseURL`.
 */
export class FakeAnthropic {
  readonly requests: FakeRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Queues replies, answered in order, one per request (a retried request takes the next one). */
  script(...replies: FakeReply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Replies not yet used. */
  get pending(): number {
    return this.replies.length;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v1/messages') {
      return sendError(response, {
        kind: 'error',
        status: 404,
        type: 'not_found_error',
        message: `${request.method} ${request.url} is not part of the fake`,
      });
    }
    let body: FakeRequest['body'];
    try {
      body = JSON.parse(raw) as FakeRequest['body'];
    } catch {
      return sendError(response, {
        kind: 'error',
        status: 400,
        type: 'invalid_request_error',
        message: 'The request body is not valid JSON',
      });
    }
    this.requests.push({ path: request.url, headers: request.headers, body });
    if (!request.headers['x-api-key'] && !request.headers.authorization) {
      return sendError(response, {
        kind: 'error',
        status: 401,
        type: 'authentication_error',
        message: 'x-api-key header is required',
      });
    }
    const reply = this.replies.shift() ?? {
      kind: 'error',
      status: 500,
      type: 'api_error',
      message: 'The fake has no scripted reply left for this request',
    };
    if (reply.kind === 'error') return sendError(response, reply);
    if (reply.kind === 'malformed') {
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': requestId() });
        response.end('event: message_start\ndata: {"type": "message_start", "message": {broken\n\n');
      } else {
        response.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId() });
        response.end('{"id": "msg_broken", "content": [');
      }
      return;
    }
    const message = messageOf(reply, body.model);
    if (body.stream) return streamMessage(response, message, reply.deltaDelayMs ?? 0);
    response.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId() });
    response.end(JSON.stringify(message));
  }
}

interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<
    | { type: 'text'; text: string; citations: null }
    | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  >;
  stop_reason: string;
  stop_sequence: null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  };
}

function messageOf(reply: Extract<FakeReply, { kind: 'message' }>, requestedModel: string): WireMessage {
  const hasToolUse = reply.content.some((block) => block.type === 'tool_use');
  return {
    id: `msg_${randomBytes(8).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: reply.model ?? requestedModel,
    content: reply.content.map((block) =>
      block.type === 'text'
        ? { type: 'text', text: block.text, citations: null }
        : {
            type: 'tool_use',
            id: block.id ?? `toolu_${randomBytes(8).toString('hex')}`,
            name: block.name,
            input: block.input,
          },
    ),
    stop_reason: reply.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: {
      input_tokens: reply.usage?.input_tokens ?? 10,
      output_tokens: reply.usage?.output_tokens ?? 10,
      cache_creation_input_tokens: reply.usage?.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: reply.usage?.cache_read_input_tokens ?? 0,
    },
  };
}

/** Sends `message` as the API streams it, text and tool input split into several deltas. */
async function streamMessage(response: ServerResponse, message: WireMessage, deltaDelayMs: number): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': requestId(),
  });
  const send = (event: string, data: Record<string, unknown>): void =>
    void response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  send('message_start', {
    message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
  });
  send('ping', {});
  for (const [index, block] of message.content.entries()) {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '', citations: null } });
      for (const piece of pieces(block.text)) {
        if (deltaDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, deltaDelayMs));
        send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
      }
    } else {
      send('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const piece of pieces(JSON.stringify(block.input)))
        send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    send('content_block_stop', { index });
  }
  send('message_delta', {
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: { output_tokens: message.usage.output_tokens },
  });
  send('message_stop', {});
  response.end();
}

/** Three roughly equal pieces (fewer for short strings), as the API streams. */
function pieces(text: string): string[] {
  if (text.length < 3) return [text];
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)];
}

function sendError(response: ServerResponse, reply: Extract<FakeReply, { kind: 'error' }>): void {
  response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': requestId(), ...reply.headers });
  response.end(
    JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message }, request_id: requestId() }),
  );
}

function requestId(): string {
  return `req_fake_${randomBytes(6).toString('hex')}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
