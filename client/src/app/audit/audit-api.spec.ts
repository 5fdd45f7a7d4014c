import {
  auditExportUrl,
  auditFilterProblem,
  EMPTY_AUDIT_FILTERS,
  toAuditFilterQuery,
  toAuditListQuery,
} from './audit-api';

describe('audit queries', () => {
  it('should leave out blank filters and trim the rest', () => {
    expect(toAuditFilterQuery(EMPTY_AUDIT_FILTERS)).toEqual({});
    expect(
      toAuditFilterQuery({
        ...EMPTY_AUDIT_FILTERS,
        userId: ' user-7 ',
        action: 'role.granted',
        resourceType: 'user',
        resourceId: '  ',
      }),
    ).toEqual({ userId: 'user-7', action: 'role.granted', resourceType: 'user' });
  });

  it('should turn a date range into whole local days: from inclusive, to exclusive', () => {
    const query = toAuditFilterQuery({ ...EMPTY_AUDIT_FILTERS, fromDate: '2026-11-01', toDate: '2026-11-23' });

    expect(query.from).toBe(new Date(2026, 10, 1).toISOString());
    // The whole of 23 November is included: up to, not including, the start of the 24th.
    expect(query.to).toBe(new Date(2026, 10, 24).toISOString());
  });

  it('should refuse impossible dates and a range that ends before it starts', () => {
    expect(auditFilterProblem({ ...EMPTY_AUDIT_FILTERS, fromDate: '2026-02-31' })).toBe(
      'Enter the “from” date as a real date.',
    );
    expect(auditFilterProblem({ ...EMPTY_AUDIT_FILTERS, fromDate: '2026-11-23', toDate: '2026-11-01' })).toBe(
      'The “to” date must be the same as or after the “from” date.',
    );
    expect(
      auditFilterProblem({ ...EMPTY_AUDIT_FILTERS, fromDate: '2026-11-23', toDate: '2026-11-23' }),
    ).toBeUndefined();
  });

  it('should add the page size and where the page starts', () => {
    expect(toAuditListQuery({ action: 'auth.signed-in' }, { limit: 50, beforeSequence: null })).toEqual({
      action: 'auth.signed-in',
      limit: '50',
    });
    expect(toAuditListQuery({}, { limit: 25, beforeSequence: 101 })).toEqual({ limit: '25', beforeSequence: '101' });
  });

  it('should build export links with the format and the same filters', () => {
    expect(auditExportUrl({}, 'csv')).toBe('/api/audit/export?format=csv');
    expect(auditExportUrl({ userId: 'user 7', resourceType: 'role' }, 'fhir')).toBe(
      '/api/audit/export?format=fhir&userId=user+7&resourceType=role',
    );
  });
});
