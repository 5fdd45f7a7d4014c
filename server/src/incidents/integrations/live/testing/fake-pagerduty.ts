import { FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

export interface FakePagerIncident {
  id: string;
  title: string;
  urgency: 'high' | 'low';
  status: 'triggered' | 'acknowledged' | 'resolved';
  service: { id: string; summary: string; type: 'service_reference' };
  assignments: Array<{ assignee: { summary: string } }>;
  created_at: string;
  notes: Array<{ content: string; from: string }>;
}

/**
 * PagerDuty's REST API v2 as far as TrustOps uses it: `/incidents` (statuses[], service_ids[],
 * offset/limit/more), `/services?query=`, `PUT /incidents/{id}` and notes (both refused
 * without a `From` header), `/abilities`. `Authorization: Token token=…`; errors as
 * `{ error: { message, code, errors } }`.
 */
export class FakePagerDuty extends FakeApi {
  readonly incidents: FakePagerIncident[] = [];
  readonly services = [
    { id: 'PSVC01', name: 'checkout' },
    { id: 'PSVC02', name: 'web' },
    { id: 'PSVC03', name: 'checkout-legacy' },
  ];

  constructor(readonly apiToken = 'pd-token-secret') {
    super();
  }

  seed(id: string, title: string, service: string, status: FakePagerIncident['status'] = 'triggered'): void {
    const found = this.services.find((candidate) => candidate.name === service);
    this.incidents.push({
      id,
      title,
      urgency: 'high',
      status,
      service: { id: found?.id ?? 'PSVC00', summary: service, type: 'service_reference' },
      assignments: [{ assignee: { summary: 'Ada On-Call' } }],
      created_at: new Date().toISOString(),
      notes: [],
    });
  }

  protected authorized(request: FakeRequest): boolean {
    return (
      request.headers.authorization === `Token token=${this.apiToken}` &&
      request.headers.accept === 'application/vnd.pagerduty+json;version=2'
    );
  }

  protected unauthorized(): FakeReply {
    return { status: 401, json: { error: { message: 'Unauthorized', code: 2006 } } };
  }

  protected throttled(): FakeReply {
    return { status: 429, json: { error: { message: 'Rate Limit Exceeded', code: 2020 } } };
  }

  protected notFound(): FakeReply {
    return { status: 404, json: { error: { message: 'Not Found', code: 2100 } } };
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    const params = request.url.searchParams;
    const path = request.url.pathname;
    const page = <Item>(items: Item[]) => {
      const limit = Number(params.get('limit') ?? 25);
      const offset = Number(params.get('offset') ?? 0);
      return {
        limit,
        offset,
        more: offset + limit < items.length,
        total: null,
        slice: items.slice(offset, offset + limit),
      };
    };
    if (path === '/abilities') return { json: { abilities: ['teams', 'urgencies'] } };
    if (path === '/services') {
      const query = (params.get('query') ?? '').toLowerCase();
      const { slice, ...meta } = page(this.services.filter((service) => service.name.includes(query)));
      return { json: { services: slice, ...meta } };
    }
    if (path === '/incidents') {
      const statuses = params.getAll('statuses[]');
      const serviceIds = params.getAll('service_ids[]');
      const { slice, ...meta } = page(
        this.incidents.filter(
          (incident) =>
            (statuses.length === 0 || statuses.includes(incident.status)) &&
            (serviceIds.length === 0 || serviceIds.includes(incident.service.id)),
        ),
      );
      return { json: { incidents: slice.map(({ notes: _notes, ...incident }) => incident), ...meta } };
    }
    const match = /^\/incidents\/(\w+)(\/notes)?$/.exec(path);
    const incident = match && this.incidents.find((candidate) => candidate.id === match[1]);
    if (!match || !incident) return undefined;
    const from = request.headers.from;
    if (request.method !== 'GET' && typeof from !== 'string') {
      return {
        status: 400,
        json: {
          error: { message: 'Invalid Input Provided', code: 2001, errors: ['A valid From header is required.'] },
        },
      };
    }
    if (!match[2] && request.method === 'PUT') {
      incident.status = (request.json as { incident: { status: FakePagerIncident['status'] } }).incident.status;
      const { notes: _notes, ...view } = incident;
      return { json: { incident: view } };
    }
    if (match[2] && request.method === 'POST') {
      const note = { content: (request.json as { note: { content: string } }).note.content, from: String(from) };
      incident.notes.push(note);
      return { status: 201, json: { note: { id: 'PNOTE', content: note.content, user: { summary: note.from } } } };
    }
    return undefined;
  }
}
