import type { IntegrationHealth, TicketReference } from '@trustops/contracts';
import {
  IntegrationError,
  type IntegrationCall,
  type Ticket,
  type TicketInput,
  type TicketingProvider,
  type TicketUpdate,
} from '../providers.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
  type LiveResponse,
} from './live-http.js';

export interface JiraSettings {
  /** The site, e.g. https://example.atlassian.net. */
  url?: string;
  email?: string;
  apiToken?: string;
  projectKey: string;
  /** The issue type incidents are filed as. */
  issueType: string;
  /** Results per page (`maxResults`). */
  pageSize?: number;
}

/** Atlassian Document Format: the rich-text body of descriptions and comments in REST v3. */
interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
}

interface JiraIssue {
  id: string;
  key: string;
  fields: {
    summary: string;
    status?: { name: string; statusCategory?: { key: string } };
    priority?: { name: string } | null;
    description?: AdfNode | null;
    created?: string;
    updated?: string;
  };
}

interface JiraComment {
  author?: { displayName?: string };
  body: AdfNode;
  created: string;
}

const PRIORITY_NAMES: Record<1 | 2 | 3 | 4, string> = { 1: 'Highest', 2: 'High', 3: 'Medium', 4: 'Low' };
const PRIORITY_NUMBERS: Record<string, number> = { Highest: 1, High: 2, Medium: 3, Low: 4, Lowest: 4 };

/** The status category each of our statuses lands in (Jira workflows name their statuses freely). */
const STATUS_CATEGORIES: Record<NonNullable<TicketUpdate['status']>, string> = {
  new: 'new',
  in_progress: 'indeterminate',
  resolved: 'done',
  closed: 'done',
};

const ISSUE_FIELDS = ['summary', 'status', 'priority', 'description', 'created', 'updated'];

/** Plain text as ADF: one paragraph per line. */
export function adfOf(text: string): AdfNode & { version: 1 } {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n')
      .map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
  };
}

/** ADF back to plain text: the text of each block on its own line. */
export function textOf(node: AdfNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(textOf);
  return node.type === 'doc' ? inner.join('\n') : inner.join('');
}

/** Jira writes offsets as `+0000`; ISO 8601 (and Date.parse everywhere) wants `+00:00`. */
const isoOf = (jiraDate: string | undefined): string =>
  new Date((jiraDate ?? '1970-01-01T00:00:00Z').replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toISOString();

/** A JQL string literal. */
const jqlString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Our incident id as a Jira label (labels cannot hold spaces). */
const correlationLabel = (id: string): string => `trustops-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Jira Cloud ticketing through REST v3: basic authentication with an account email and API token,
 * search by JQL on `/rest/api/3/search/jql` (`nextPageToken` pages), comments in ADF (read back
 * with `startAt`/`maxResults` pages), status changes through the workflow's transitions, and our
 * incident id kept as a label so the same incident is not filed twice.
 */
export class JiraProvider implements TicketingProvider {
  readonly name = 'jira' as const;
  readonly kind = 'ticketing' as const;
  readonly mode = 'live' as const;
  private readonly http: LiveHttpClient;
  readonly missing: string | null;
  private readonly pageSize: number;

  constructor(
    private readonly settings: JiraSettings,
    options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS,
  ) {
    this.missing =
      settings.url && settings.email && settings.apiToken
        ? null
        : notConfigured('jira', 'JIRA_URL, JIRA_EMAIL and JIRA_API_TOKEN');
    this.pageSize = settings.pageSize ?? 50;
    const authorization = `Basic ${Buffer.from(`${settings.email}:${settings.apiToken}`).toString('base64')}`;
    this.http = new LiveHttpClient(
      settings.url ?? 'http://jira.invalid',
      {
        integration: 'jira',
        authorize: () => ({ authorization }),
        authFailure: ({ status }) =>
          status === 403
            ? `Jira accepted the account but it may not do this in project ${settings.projectKey} (403). Check its project permissions.`
            : 'Jira refused the email and API token (401). Check JIRA_EMAIL and JIRA_API_TOKEN.',
        errorDetail: (response: LiveResponse) => {
          const body = response.json as { errorMessages?: string[]; errors?: Record<string, string> } | undefined;
          const messages = [...(body?.errorMessages ?? []), ...Object.values(body?.errors ?? {})];
          return messages.length > 0 ? messages.join(' ') : undefined;
        },
      },
      options,
    );
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    return probeHealth('jira', this.missing, async () => {
      await this.http.send(call, { path: '/rest/api/3/myself' });
    });
  }

  async createIncident(call: IntegrationCall, input: TicketInput): Promise<Ticket> {
    requireConfigured('jira', this.missing);
    const label = correlationLabel(input.correlationId);
    const [existing] = await this.search(
      call,
      `project = ${jqlString(this.settings.projectKey)} AND labels = ${jqlString(label)}`,
      1,
    );
    if (existing) return this.getIncident(call, existing.key);
    const description = input.service ? `${input.description}\n\nService: ${input.service}` : input.description;
    const created = await this.http.json<{ key: string }>(call, {
      method: 'POST',
      path: '/rest/api/3/issue',
      body: {
        fields: {
          project: { key: this.settings.projectKey },
          issuetype: { name: this.settings.issueType },
          summary: input.title,
          description: adfOf(description),
          priority: { name: PRIORITY_NAMES[input.priority] },
          labels: [label, 'trustops'],
        },
      },
    });
    return this.getIncident(call, created.key);
  }

  async updateIncident(call: IntegrationCall, key: string, update: TicketUpdate): Promise<Ticket> {
    requireConfigured('jira', this.missing);
    if (update.priority) {
      await this.http.send(call, {
        method: 'PUT',
        path: `/rest/api/3/issue/${encodeURIComponent(key)}`,
        body: { fields: { priority: { name: PRIORITY_NAMES[update.priority] } } },
        notFound: this.notFound(key),
      });
    }
    if (update.resolutionNote) await this.comment(call, key, update.resolutionNote);
    if (update.status) await this.transition(call, key, update.status);
    return this.getIncident(call, key);
  }

  async addComment(call: IntegrationCall, key: string, text: string): Promise<Ticket> {
    requireConfigured('jira', this.missing);
    await this.comment(call, key, text);
    return this.getIncident(call, key);
  }

  async getIncident(call: IntegrationCall, key: string): Promise<Ticket> {
    requireConfigured('jira', this.missing);
    const issue = await this.http.json<JiraIssue>(call, {
      path: `/rest/api/3/issue/${encodeURIComponent(key)}`,
      query: { fields: ISSUE_FIELDS.join(',') },
      notFound: this.notFound(key),
    });
    const comments = await collectPages<JiraComment, number>(async (startAt = 0) => {
      const page = await this.http.json<{ comments: JiraComment[]; total: number }>(call, {
        path: `/rest/api/3/issue/${encodeURIComponent(key)}/comment`,
        query: { startAt, maxResults: this.pageSize, orderBy: 'created' },
        notFound: this.notFound(key),
      });
      const next = startAt + page.comments.length;
      return { items: page.comments, next: next < page.total ? next : undefined };
    });
    return {
      ...this.referenceOf(issue),
      description: textOf(issue.fields.description),
      priority: PRIORITY_NUMBERS[issue.fields.priority?.name ?? 'Medium'] ?? 3,
      comments: comments.map((comment) => ({
        at: isoOf(comment.created),
        author: comment.author?.displayName ?? 'Jira',
        text: textOf(comment.body),
      })),
      createdAt: isoOf(issue.fields.created),
      updatedAt: isoOf(issue.fields.updated),
    };
  }

  async searchIncidents(
    call: IntegrationCall,
    query: { service?: string; text?: string; limit?: number },
  ): Promise<TicketReference[]> {
    requireConfigured('jira', this.missing);
    const clauses = [`project = ${jqlString(this.settings.projectKey)}`, 'statusCategory != Done'];
    for (const word of [query.service, query.text]) if (word) clauses.push(`text ~ ${jqlString(word)}`);
    const issues = await this.search(call, `${clauses.join(' AND ')} ORDER BY updated DESC`, query.limit ?? 20);
    return issues.map((issue) => this.referenceOf(issue));
  }

  private search(call: IntegrationCall, jql: string, limit: number): Promise<JiraIssue[]> {
    return collectPages<JiraIssue, string>(async (nextPageToken) => {
      const page = await this.http.json<{ issues: JiraIssue[]; nextPageToken?: string; isLast?: boolean }>(call, {
        method: 'POST',
        path: '/rest/api/3/search/jql',
        body: { jql, maxResults: Math.min(this.pageSize, limit), fields: ISSUE_FIELDS, nextPageToken },
      });
      return { items: page.issues, next: page.isLast ? undefined : page.nextPageToken };
    }, limit);
  }

  private async comment(call: IntegrationCall, key: string, text: string): Promise<void> {
    await this.http.send(call, {
      method: 'POST',
      path: `/rest/api/3/issue/${encodeURIComponent(key)}/comment`,
      body: { body: adfOf(text) },
      notFound: this.notFound(key),
    });
  }

  /** Moves the issue along the workflow to a status of the wanted category, if one is reachable. */
  private async transition(
    call: IntegrationCall,
    key: string,
    status: NonNullable<TicketUpdate['status']>,
  ): Promise<void> {
    const { transitions } = await this.http.json<{
      transitions: Array<{ id: string; to: { name: string; statusCategory: { key: string } } }>;
    }>(call, { path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, notFound: this.notFound(key) });
    const wanted = STATUS_CATEGORIES[status];
    const current = await this.http.json<JiraIssue>(call, {
      path: `/rest/api/3/issue/${encodeURIComponent(key)}`,
      query: { fields: 'status' },
      notFound: this.notFound(key),
    });
    // Already there (e.g. resolving an issue someone closed): nothing to do.
    if (current.fields.status?.statusCategory?.key === wanted) return;
    const choice =
      transitions.find((candidate) => candidate.to.name.toLowerCase().replace(/\s+/g, '_') === status) ??
      transitions.find((candidate) => candidate.to.statusCategory.key === wanted);
    if (!choice) {
      throw new IntegrationError(
        'jira',
        `Jira's workflow offers no way to move ${key} to "${status.replace('_', ' ')}" from where it is now.`,
        false,
        409,
      );
    }
    await this.http.send(call, {
      method: 'POST',
      path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`,
      body: { transition: { id: choice.id } },
    });
  }

  private referenceOf(issue: JiraIssue): TicketReference {
    return {
      integration: 'jira',
      key: issue.key,
      url: `${this.settings.url?.replace(/\/+$/, '')}/browse/${issue.key}`,
      title: issue.fields.summary,
      status: issue.fields.status?.name ?? 'unknown',
    };
  }

  private notFound(key: string): string {
    return `Jira has no issue ${key} (or this account may not see it).`;
  }
}
