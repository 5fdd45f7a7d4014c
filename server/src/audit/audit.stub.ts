import type { AuditRecordView } from './audit.types.js';

/** A complete audit record for tests; override what the test is about. */
export function auditRecordViewStub(overrides: Partial<AuditRecordView> = {}): AuditRecordView {
  return {
    id: '6f1c8a52-4d0e-4f43-9b5e-2f5d0c7e9a10',
    tenantId: '0b7e2c4a-1f3d-4e5b-8a9c-7d6e5f4a3b21',
    sequence: 3,
    occurredAt: '2026-11-23T10:00:00.000Z',
    actor: {
      type: 'person',
      userId: 'c5a0d2e4-8b1f-4c3a-9e7d-6f5a4b3c2d10',
      displayName: 'Ada Admin',
      role: 'admin',
      ip: '10.0.0.8',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    },
    action: 'role.granted',
    resource: { type: 'role-assignment', id: 'd2b1c0a9-8e7f-4a6b-9c5d-4e3f2a1b0c98' },
    outcome: 'success',
    reason: null,
    requestId: 'req-1',
    before: null,
    after: { role: 'supervisor' },
    previousHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}
