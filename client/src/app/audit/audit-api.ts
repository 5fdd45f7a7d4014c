import type { AuditExportFormat, AuditFilterQuery, AuditListQuery } from '@trustops/contracts';

export const AUDIT_URL = '/api/audit';
export const AUDIT_VERIFY_URL = '/api/audit/verify';
export const AUDIT_EXPORT_URL = '/api/audit/export';

/** What the filter form holds: text as typed, dates as the date inputs give them (`2026-11-23`, local). */
export interface AuditFilterForm {
  userId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterForm = {
  userId: '',
  action: '',
  resourceType: '',
  resourceId: '',
  fromDate: '',
  toDate: '',
};

/**
 * The API's filters from the form: blanks left out, text trimmed, and whole local days turned into
 * instants: `from` the start of the first day (inclusive), `to` the start of the day after the
 * last (exclusive), so "to 23 Nov" includes everything on 23 Nov.
 */
export function toAuditFilterQuery(form: AuditFilterForm): AuditFilterQuery {
  const query: AuditFilterQuery = {};
  const text = (value: string) => value.trim();
  if (text(form.userId)) query.userId = text(form.userId);
  if (text(form.action)) query.action = text(form.action);
  if (text(form.resourceType)) query.resourceType = text(form.resourceType);
  if (text(form.resourceId)) query.resourceId = text(form.resourceId);
  const from = startOfLocalDay(form.fromDate, 0);
  if (from) query.from = from;
  const to = startOfLocalDay(form.toDate, 1);
  if (to) query.to = to;
  return query;
}

/** Says what is wrong with the dates, if anything. */
export function auditFilterProblem(form: AuditFilterForm): string | undefined {
  const query = toAuditFilterQuery(form);
  if (form.fromDate && !query.from) return 'Enter the “from” date as a real date.';
  if (form.toDate && !query.to) return 'Enter the “to” date as a real date.';
  if (query.from && query.to && query.from >= query.to)
    return 'The “to” date must be the same as or after the “from” date.';
  return undefined;
}

/** `GET /api/audit` query: the filters, the page size and where the page starts. */
export function toAuditListQuery(
  filters: AuditFilterQuery,
  page: { limit: number; beforeSequence: number | null },
): AuditListQuery {
  return {
    ...filters,
    limit: String(page.limit),
    ...(page.beforeSequence === null ? {} : { beforeSequence: String(page.beforeSequence) }),
  };
}

/** `/api/audit/export?format=csv&…`: a plain link, so the browser downloads the file with the session cookie. */
export function auditExportUrl(filters: AuditFilterQuery, format: AuditExportFormat): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value) {
      params.set(name, value);
    }
  }
  return `${AUDIT_EXPORT_URL}?${params.toString()}`;
}

/** "2026-11-23" → the instant local midnight starts that day (plus `addDays`), as ISO 8601. */
function startOfLocalDay(date: string, addDays: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day + addDays);
  // Reject 2026-02-31 and the like, which Date would quietly roll over.
  const check = new Date(year, month - 1, day);
  if (check.getFullYear() !== year || check.getMonth() !== month - 1 || check.getDate() !== day) {
    return undefined;
  }
  return start.toISOString();
}
