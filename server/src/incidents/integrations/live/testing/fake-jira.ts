import { basicAuth, FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

interface FakeIssue {
  id: string;
  key: string;
  summary: string;
  description: unknown;
  status: { name: string; category: 'new' | 'indeterminate' | 'done' };
  priority: string;
  labels: string[];
  comments: Array<{ id: string; body: unknown; created: string; author: { displayName: string } }>;
  created: string;
  updated: string;
}

/** Jira writes dates like 2026-12-02T15:40:00.000+0000. */
const jiraNow = (): string => new Date().toISOString().replace('Z', '+0000');

const STATUSES = [
  { id: '11', name: 'To Do', category: 'new' },
  { id: '21', name: 'In Progress', category: 'indeterminate' },
  { id: '31', name: 'Done', category: 'done' },
] as const;

/**
 * Jira Cloud REST v3 as far as TrustOps uses it: issues, `search/jql` with `nextPageToken`,
 * comments with `startAt`/`maxResults`, transitions, `myself`; a tiny JQL subset (`project =`,
 * `labels =`, `text ~`, `statusCategory != Done`); errors as `{ errorMessages, errors }`.
 */
export class FakeJira extends FakeApi {
  readonly issues: FakeIssue[] = [];
  private sequence = 0;

  constructor(
    readonly email = 'ops@example.nhs.uk',
    readonly apiToken = 'jira-token-secret',
    readonly projectKey = 'OPS',
  ) {
    super();
  }

  seed(summary: string, fields: Partial<FakeIssue> = {}): FakeIssue {
    this.sequence++;
    const issue: FakeIssue = {
      id: String(10000 + this.sequence),
      key: `${this.projectKey}-${this.sequence}`,
      summary,
      description: null,
      status: { name: 'To Do', category: 'new' },
      priority: 'Medium',
      labels: [],
      comments: [],
      created: jiraNow(),
      updated: jiraNow(),
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  protected authorized(request: FakeRequest): boolean {
    return request.headers.authorization === basicAuth(this.email, this.apiToken);
  }

  protected unauthorized(): FakeReply {
    return {
      status: 401,
      json: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
    };
  }

  protected throttled(): FakeReply {
    return { status: 429, json: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
  }

  protected notFound(): FakeReply {
    return {
      status: 404,
      json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    };
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    const path = request.url.pathname;
    const body = request.json as Record<string, unknown> | undefined;
    if (path === '/rest/api/3/myself')
      return { json: { accountId: 'abc', emailAddress: this.email, displayName: 'TrustOps' } };
    if (path === '/rest/api/3/search/jql' && request.method === 'POST')
      return this.search(body as { jql: string; maxResults: number; nextPageToken?: string });
    if (path === '/rest/api/3/issue' && request.method === 'POST') {
      const fields = (body as { fields: Record<string, unknown> }).fields;
      const issue = this.seed(fields.summary as string, {
        description: fields.description,
        priority: (fields.priority as { name: string }).name,
        labels: fields.labels as string[],
      });
      return { status: 201, json: { id: issue.id, key: issue.key, self: `${this.url}/rest/api/3/issue/${issue.id}` } };
    }
    const match = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)(\/comment|\/transitions)?$/.exec(path);
    const issue = match && this.issues.find((candidate) => candidate.key === match[1]);
    if (!match || !issue) return undefined;
    const [, , sub] = match;
    if (!sub && request.method === 'GET') return { json: this.view(issue) };
    if (!sub && request.method === 'PUT') {
      issue.priority = (body as { fields: { priority: { name: string } } }).fields.priority.name;
      return { status: 204 };
    }
    if (sub === '/comment' && request.method === 'GET') {
      const startAt = Number(request.url.searchParams.get('startAt') ?? 0);
      const maxResults = Number(request.url.searchParams.get('maxResults') ?? 50);
      return {
        json: {
          startAt,
          maxResults,
          total: issue.comments.length,
          comments: issue.comments.slice(startAt, startAt + maxResults),
        },
      };
    }
    if (sub === '/comment' && request.method === 'POST') {
      const comment = {
        id: String(issue.comments.length + 1),
        body: (body as { body: unknown }).body,
        created: jiraNow(),
        author: { displayName: 'TrustOps Bot' },
      };
      issue.comments.push(comment);
      return { status: 201, json: comment };
    }
    if (sub === '/transitions' && request.method === 'GET') {
      return {
        json: {
          transitions: STATUSES.filter((status) => status.name !== issue.status.name).map((status) => ({
            id: status.id,
            name: `Move to ${status.name}`,
            to: { name: status.name, statusCategory: { key: status.category } },
          })),
        },
      };
    }
    if (sub === '/transitions' && request.method === 'POST') {
      const target = STATUSES.find((status) => status.id === (body as { transition: { id: string } }).transition.id);
      if (!target)
        return { status: 400, json: { errorMessages: ['Transition id is not valid for this issue.'], errors: {} } };
      issue.status = { name: target.name, category: target.category };
      return { status: 204 };
    }
    return undefined;
  }

  private view(issue: FakeIssue): unknown {
    return {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        description: issue.description,
        status: { name: issue.status.name, statusCategory: { key: issue.status.category } },
        priority: { name: issue.priority },
        created: issue.created,
        updated: issue.updated,
      },
    };
  }

  private search(body: { jql: string; maxResults: number; nextPageToken?: string }): FakeReply {
    let matching = this.issues;
    for (const clause of body.jql.replace(/ ORDER BY .*$/, '').split(' AND ')) {
      const [, field, operator, quoted] = /^(\w+) (=|~|!=) (.+)$/.exec(clause) ?? [];
      const value = quoted?.replace(/^"|"$/g, '').toLowerCase() ?? '';
      matching = matching.filter((issue) => {
        if (field === 'project') return issue.key.toLowerCase().startsWith(`${value}-`);
        if (field === 'labels') return issue.labels.map((label) => label.toLowerCase()).includes(value);
        if (field === 'text')
          return `${issue.summary} ${JSON.stringify(issue.description)}`.toLowerCase().includes(value);
        if (field === 'statusCategory' && operator === '!=') return issue.status.category !== 'done';
        return false;
      });
    }
    const start = Number(body.nextPageToken ?? 0);
    const end = start + body.maxResults;
    const more = end < matching.length;
    return {
      json: {
        issues: matching.slice(start, end).map((issue) => this.view(issue)),
        ...(more ? { nextPageToken: String(end) } : {}),
        isLast: !more,
      },
    };
  }
}
