import { basicAuth, FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

interface Row extends Record<string, string> {
  sys_id: string;
}

const glideNow = (): string => new Date().toISOString().slice(0, 19).replace('T', ' ');

/**
 * ServiceNow's Table API as far as TrustOps uses it: `incident` and `sys_journal_field`, encoded
 * queries with `=`, `LIKE`, `^OR` and `ORDERBY`, `sysparm_limit`/`sysparm_offset`, work notes
 * written by PATCH turning into journal rows, errors as `{ error: { message, detail }, status }`.
 */
export class FakeServiceNow extends FakeApi {
  readonly incidents: Row[] = [];
  readonly journal: Row[] = [];
  private sequence = 10000;

  constructor(
    readonly username = 'trustops',
    readonly password = 'servicenow-secret',
    /** An OAuth access token the instance also accepts. */
    readonly oauthToken = 'servicenow-oauth-token',
  ) {
    super();
  }

  /** Adds an incident row (the instance's existing tickets). */
  seed(fields: Partial<Row>): Row {
    const row: Row = {
      sys_id: `sys${++this.sequence}`,
      number: `INC${String(this.sequence).padStart(7, '0')}`,
      short_description: '',
      description: '',
      state: '1',
      priority: '3',
      active: 'true',
      correlation_id: '',
      sys_created_on: glideNow(),
      sys_updated_on: glideNow(),
      ...fields,
    };
    this.incidents.push(row);
    return row;
  }

  protected authorized(request: FakeRequest): boolean {
    const given = request.headers.authorization;
    return given === basicAuth(this.username, this.password) || given === `Bearer ${this.oauthToken}`;
  }

  protected unauthorized(): FakeReply {
    return {
      status: 401,
      json: {
        error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
        status: 'failure',
      },
    };
  }

  protected throttled(): FakeReply {
    return {
      status: 429,
      json: { error: { message: 'Rate limit exceeded', detail: 'Too many requests for this user' }, status: 'failure' },
    };
  }

  protected notFound(): FakeReply {
    return {
      status: 404,
      json: {
        error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
        status: 'failure',
      },
    };
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    const match = /^\/api\/now\/table\/(\w+)(?:\/(\w+))?$/.exec(request.url.pathname);
    if (!match) return undefined;
    const [, table, sysId] = match;
    const rows = table === 'incident' ? this.incidents : table === 'sys_journal_field' ? this.journal : undefined;
    if (!rows) return undefined;
    const fields = request.url.searchParams.get('sysparm_fields')?.split(',');
    const project = (row: Row): Record<string, string> =>
      fields ? Object.fromEntries(fields.map((field) => [field, row[field] ?? ''])) : row;
    if (request.method === 'GET' && !sysId) {
      const limit = Number(request.url.searchParams.get('sysparm_limit') ?? '10000');
      const offset = Number(request.url.searchParams.get('sysparm_offset') ?? '0');
      const matching = filter(rows, request.url.searchParams.get('sysparm_query') ?? '');
      return { json: { result: matching.slice(offset, offset + limit).map(project) } };
    }
    if (request.method === 'POST' && !sysId && table === 'incident') {
      const body = request.json as Record<string, string>;
      const priority = String(Number(body.impact ?? 3) + Number(body.urgency ?? 3) - 1);
      return { status: 201, json: { result: project(this.seed({ ...body, priority })) } };
    }
    if (request.method === 'PATCH' && sysId && table === 'incident') {
      const row = rows.find((candidate) => candidate.sys_id === sysId);
      if (!row) return this.notFound();
      const { work_notes: workNote, ...changes } = request.json as Record<string, string>;
      Object.assign(row, changes, { sys_updated_on: glideNow() });
      if (changes.impact) row.priority = String(Number(changes.impact) + Number(changes.urgency) - 1);
      if (workNote) {
        this.journal.push({
          sys_id: `j${++this.sequence}`,
          element_id: row.sys_id,
          element: 'work_notes',
          value: workNote,
          sys_created_on: glideNow(),
          sys_created_by: this.username,
        });
      }
      return { json: { result: project(row) } };
    }
    return undefined;
  }
}

/** Applies an encoded query: `a=b`, `aLIKEb`, `^OR` alternatives, `ORDERBY`/`ORDERBYDESC`. */
function filter(rows: Row[], encoded: string): Row[] {
  let result = [...rows];
  let order: { field: string; descending: boolean } | undefined;
  for (const condition of encoded.split(/\^(?!OR(?!DERBY))/).filter(Boolean)) {
    if (condition.startsWith('ORDERBY')) {
      const descending = condition.startsWith('ORDERBYDESC');
      order = { field: condition.slice(descending ? 11 : 7), descending };
      continue;
    }
    const alternatives = condition.split('^OR').map((part) => {
      const like = /^(\w+)LIKE(.*)$/.exec(part);
      if (like) return (row: Row) => (row[like[1]] ?? '').toLowerCase().includes(like[2].toLowerCase());
      const [field, value] = part.split('=');
      return (row: Row) => (row[field] ?? '') === value;
    });
    result = result.filter((row) => alternatives.some((test) => test(row)));
  }
  if (order) {
    const { field, descending } = order;
    result.sort((a, b) => (descending ? -1 : 1) * (a[field] ?? '').localeCompare(b[field] ?? ''));
  }
  return result;
}
