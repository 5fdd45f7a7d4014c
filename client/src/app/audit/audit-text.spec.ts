import { auditRecordStub } from '../../testing/admin.stub';
import {
  describeActor,
  describeActorRole,
  describeAuditAction,
  describeAuditRecordAction,
  describeChanges,
  describeOutcome,
} from './audit-text';

describe('audit text', () => {
  it('should put known actions in plain English and spell out unknown ones', () => {
    expect(describeAuditAction('auth.signed-in')).toBe('Signed in');
    expect(describeAuditAction('widget.re-tuned')).toBe('Widget re tuned');
  });

  it('should name the role given or taken away, custom roles by their name', () => {
    expect(describeAuditRecordAction(auditRecordStub())).toBe('Gave the Supervisor role');
    expect(
      describeAuditRecordAction(auditRecordStub({ after: { role: 'ward-lead' } }), { 'ward-lead': 'Ward lead' }),
    ).toBe('Gave the Ward lead role');
    expect(
      describeAuditRecordAction(auditRecordStub({ action: 'role.revoked', before: { role: 'admin' }, after: null })),
    ).toBe('Took away the Administrator role');
  });

  it('should say who was invited as what, and who joined as what, without naming the email', () => {
    const invited = auditRecordStub({
      action: 'user.invited',
      resource: { type: 'invitation', id: 'i-1' },
      after: { email: 'd***@nhs.net', role: 'compliance' },
    });
    expect(describeAuditRecordAction(invited)).toBe('Invited a person as Compliance officer');
    expect(
      describeAuditRecordAction(
        { ...invited, action: 'invitation.accepted', after: { role: 'ward-lead' } },
        {
          'ward-lead': 'Ward lead',
        },
      ),
    ).toBe('Joined the organisation as Ward lead');
    expect(describeAuditRecordAction({ ...invited, action: 'invitation.revoked', after: null })).toBe(
      'Withdrew an invitation',
    );
    expect(describeAuditRecordAction({ ...invited, action: 'invitation.declined' })).toBe('Declined an invitation');
  });

  it('should describe who acted and in which roles', () => {
    expect(describeActorRole('ward-lead, clinician', { 'ward-lead': 'Ward lead' })).toBe('Ward lead, Clinician');
    expect(describeActorRole(null)).toBe('');
    expect(describeActor({ ...auditRecordStub().actor, type: 'system', userId: 'scheduler', displayName: null })).toBe(
      'TrustOps (scheduler)',
    );
  });

  it('should give every outcome words as well as an icon', () => {
    expect(describeOutcome('success')).toEqual({ text: 'Succeeded', icon: 'status-up', tone: 'good' });
    expect(describeOutcome('failure')).toEqual({ text: 'Failed', icon: 'status-down', tone: 'bad' });
    expect(describeOutcome('denied')).toEqual({ text: 'Refused', icon: 'denied', tone: 'bad' });
  });

  it('should lay the before and after summaries side by side', () => {
    expect(describeChanges({ tenantId: 't-2' }, { tenantId: 't-1', permissions: ['runs:read', 'audit:read'] })).toEqual(
      [
        { field: 'Tenant id', before: 't-2', after: 't-1' },
        { field: 'Permissions', before: '—', after: 'runs:read, audit:read' },
      ],
    );
    expect(describeChanges(null, null)).toEqual([]);
  });
});
