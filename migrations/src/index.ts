import type { MigrationInterface } from 'typeorm';
import { CreateTenants1795399888650 } from './1795399888650-CreateTenants.js';
import { CreateAuditRecords1795399907336 } from './1795399907336-CreateAuditRecords.js';
import { CreateIdentityAndAccessControl1795400124246 } from './1795400124246-CreateIdentityAndAccessControl.js';
import { CreateEvents1796222629551 } from './1796222629551-CreateEvents.js';
import { CreateDecisions1796222820172 } from './1796222820172-CreateDecisions.js';
import { CreateRunsAndRunbookVersions1796222908595 } from './1796222908595-CreateRunsAndRunbookVersions.js';
import { CreateAgentRunnersSessionsAndPromptTemplates1796223253789 } from './1796223253789-CreateAgentRunnersSessionsAndPromptTemplates.js';
import { CreateWorkspaces1796223355060 } from './1796223355060-CreateWorkspaces.js';
import { CreateIncidents1796225859355 } from './1796225859355-CreateIncidents.js';
import { CreateWizardDocuments1796226352640 } from './1796226352640-CreateWizardDocuments.js';
import { AddIncidentIntegrationModes1796233126183 } from './1796233126183-AddIncidentIntegrationModes.js';
import { AddRunVersions1796277200291 } from './1796277200291-AddRunVersions.js';
import { CreateInvitations1796285987285 } from './1796285987285-CreateInvitations.js';

/**
 * Every migration, oldest first. The server runs the pending ones at start-up.
 * `npm run migration:generate -w server -- <Intent>` writes a new one and adds it here.
 */
export const migrations: Array<new () => MigrationInterface> = [
  CreateTenants1795399888650,
  CreateAuditRecords1795399907336,
  CreateIdentityAndAccessControl1795400124246,
  CreateEvents1796222629551,
  CreateDecisions1796222820172,
  CreateRunsAndRunbookVersions1796222908595,
  CreateAgentRunnersSessionsAndPromptTemplates1796223253789,
  CreateWorkspaces1796223355060,
  CreateIncidents1796225859355,
  CreateWizardDocuments1796226352640,
  AddIncidentIntegrationModes1796233126183,
  AddRunVersions1796277200291,
  CreateInvitations1796285987285,
];
