import { ApiToken } from '../../auth/tokens/api-token.entity.js';
import { Session } from '../../auth/session/session.entity.js';
import { User } from '../../auth/users/user.entity.js';
import { RoleAssignment } from '../../rbac/role-assignment.entity.js';
import { Role } from '../../rbac/role.entity.js';
import { Invitation } from '../../rbac/invitation.entity.js';
import { TenantMembership } from '../../tenancy/tenant-membership.entity.js';
import { AuditRecord } from '../../audit/audit-record.entity.js';
import { Tenant } from '../../tenancy/tenant.entity.js';
import { EventRecord } from '../events/event.entity.js';
import { EventStreamHead } from '../events/event-stream-head.entity.js';
import { Decision } from '../../approvals/decision.entity.js';
import { DecisionVote } from '../../approvals/decision-vote.entity.js';
import { DecisionComment } from '../../approvals/decision-comment.entity.js';
import { Run } from '../../runs/run.entity.js';
import { StepRun } from '../../runs/step-run.entity.js';
import { RunbookVersion } from '../../runs/runbook-version.entity.js';
import { AgentInvocation } from '../../runners/agent-prompt/agent-invocation.entity.js';
import { AgentSession } from '../../runners/sessions/agent-session.entity.js';
import { AgentSessionMessage } from '../../runners/sessions/agent-session-message.entity.js';
import { PromptTemplate } from '../../runners/prompt-templates/prompt-template.entity.js';
import { Workspace } from '../../workspaces/workspace.entity.js';

import { Incident } from '../../incidents/incident.entity.js';
import { IncidentEvidence } from '../../incidents/incident-evidence.entity.js';
import { IncidentFinding } from '../../incidents/incident-finding.entity.js';
import { IncidentAction } from '../../incidents/incident-action.entity.js';
import { IncidentTimelineEntry } from '../../incidents/incident-timeline-entry.entity.js';
import { IncidentMockState } from '../../incidents/integrations/mock/mock-state.entity.js';
import { WizardDocument } from '../../documents/wizard-document.entity.js';
import { IntegrationModeChoice } from '../../incidents/integrations/integration-mode-choice.entity.js';
/**
 * Every entity TrustOps persists. The app, the migration generator and the tests all read this
 * list, so an entity missing here has no table. Add yours in one line.
 */
export const entities = [
  Tenant,
  AuditRecord,
  User,
  Session,
  ApiToken,
  TenantMembership,
  Role,
  RoleAssignment,
  Invitation,
  EventRecord,
  EventStreamHead,
  Decision,
  DecisionVote,
  DecisionComment,
  Run,
  StepRun,
  RunbookVersion,
  AgentInvocation,
  AgentSession,
  AgentSessionMessage,
  PromptTemplate,
  Workspace,
  Incident,
  IncidentEvidence,
  IncidentFinding,
  IncidentAction,
  IncidentTimelineEntry,
  IncidentMockState,
  WizardDocument,
  IntegrationModeChoice,
];
