import type { Permission, RoleName } from '@trustops/contracts';
import type { IconName } from './icons';

export type AreaId =
  | 'home'
  | 'wizards'
  | 'documents'
  | 'runs'
  | 'runbooks'
  | 'workspaces'
  | 'incidents'
  | 'tasks'
  | 'schedules'
  | 'revenue-cycle'
  | 'approvals'
  | 'admin'
  | 'audit'
  | 'settings';

/** One area of the platform: a side-navigation entry, a home-page tile and a page. */
export interface Area {
  id: AreaId;
  label: string;
  /** Router path, without the leading slash ('' for home). */
  path: string;
  icon: IconName;
  /** A few words for the side navigation. */
  summary: string;
  /** One or two sentences for the home-page tile and the top of the area's page. */
  description: string;
  /** What the area lets people do, in plain English. */
  capabilities: readonly string[];
  /** The roles that mostly work here. */
  audience: readonly RoleName[];
  /**
   * Who may open the area: anyone holding at least one of these (the first is the one a refusal
   * explains). Absent for pages everyone may see. The navigation, the home tiles and the route
   * guard all read this, with the same permission map the server enforces.
   */
  permissions?: readonly [Permission, ...Permission[]];
}

export const AREAS: readonly Area[] = [
  {
    id: 'home',
    label: 'Home',
    path: '',
    icon: 'home',
    summary: 'Your start page',
    description: 'Your starting point: whether the platform is working, and the way into every area.',
    capabilities: [],
    audience: ['clinician', 'analyst', 'operator', 'supervisor', 'compliance', 'admin'],
  },
  {
    id: 'wizards',
    label: 'Guided wizards',
    path: 'wizards',
    icon: 'wizard',
    summary: 'Common jobs, step by step',
    description:
      'Answer a few plain-English questions and TrustOps does the technical work, then shows you the result to check.',
    capabilities: [
      'Find out how an integration works, without reading any code.',
      'Produce plain-English documentation of a system.',
      'Assess the impact of a proposed change before anyone makes it.',
      'Generate a test plan for an integration change.',
      'Send what the wizard produced for review and approval before anything changes.',
    ],
    audience: ['clinician', 'analyst'],
    permissions: ['runs:start'],
  },
  {
    id: 'documents',
    label: 'Documents',
    path: 'documents',
    icon: 'document',
    summary: 'What the wizards wrote',
    description:
      'Every document the guided wizards wrote, and where each one is: a draft, waiting for review, or signed by the person who approved it.',
    capabilities: [
      'Find a document by its title, or by whether it is a draft, in review or signed.',
      'Read it with its diagrams, and download it.',
      'Submit a draft for review, and see who approved it and when.',
      'Ask the agent a question about an integration from a ready-made template.',
    ],
    audience: ['clinician', 'analyst', 'supervisor'],
    permissions: ['runs:read'],
  },
  {
    id: 'runs',
    label: 'Runs',
    path: 'runs',
    icon: 'run',
    summary: 'Watch work happen live',
    description:
      'Every wizard, runbook and delegated task becomes a run. Follow each step as it happens and see exactly what was done.',
    capabilities: [
      'Follow a run step by step on a live timeline.',
      "Read the agent's working as a plain-English transcript, with the raw events one click away.",
      'Open what a run produced: reports, screenshots and files.',
      'Cancel a run, or resume one that was interrupted.',
    ],
    audience: ['clinician', 'analyst', 'operator'],
    permissions: ['runs:read'],
  },
  {
    id: 'runbooks',
    label: 'Runbooks',
    path: 'runbooks',
    icon: 'runbook',
    summary: 'The steps work follows',
    description:
      'A runbook is a written-down procedure that TrustOps can carry out: what it asks for, its steps in order, and who must approve them.',
    capabilities: [
      'See what each runbook asks for and a diagram of its steps.',
      'Read the exact definition, and every earlier version of it.',
      'Compare two versions line by line, and go back to an earlier one.',
      'Add a runbook, or change one, with every problem pointed out before it is saved.',
    ],
    audience: ['analyst', 'operator'],
    permissions: ['runbooks:read'],
  },
  {
    id: 'workspaces',
    label: 'Workspaces',
    path: 'workspaces',
    icon: 'workspace',
    summary: 'Integration code to analyse',
    description:
      'A workspace is a copy of a Trust Integration Engine codebase that agents can read, kept separate from everything else.',
    capabilities: [
      'Import a codebase from a git repository or from a folder on the server.',
      'Browse its files.',
      'Ask the Claude agent, or the offline engine, about it, and carry on the conversation later.',
      'Decide whether agents may run commands inside it.',
    ],
    audience: ['analyst'],
    permissions: ['workspaces:read'],
  },
  {
    id: 'incidents',
    label: 'Incidents',
    path: 'incidents',
    icon: 'incident',
    summary: 'Troubleshoot a live problem',
    description:
      'Describe a problem in plain English. TrustOps gathers the evidence, suggests the likely cause and ranks what to do next.',
    capabilities: [
      'Gather evidence from ServiceNow, Datadog, PagerDuty, AWS, Slack and Jira in one go.',
      'See the likely cause, with the evidence behind it.',
      'Get recommended actions ranked by risk; risky ones wait for a supervisor to approve them.',
      'Check that the fix worked, and get a written summary for the incident record.',
    ],
    audience: ['operator', 'supervisor'],
    permissions: ['incidents:read'],
  },
  {
    id: 'tasks',
    label: 'Tasks',
    path: 'tasks',
    icon: 'task',
    summary: 'Delegate and chain agent work',
    description:
      'Hand work to an agent and let TrustOps run it in the right order, waiting for anything it depends on.',
    capabilities: [
      'Delegate a task to an agent, from here or from a coding assistant.',
      'Make a task wait until the tasks it depends on have finished.',
      'See what failed, what was stopped because of it, and try again.',
      'Pick up interrupted work where it left off.',
    ],
    audience: ['analyst'],
    permissions: ['tasks:read'],
  },
  {
    id: 'schedules',
    label: 'Schedules',
    path: 'schedules',
    icon: 'schedule',
    summary: 'Run work at set times',
    description: 'Run a runbook or task automatically, once or on a repeating timetable, in your own time zone.',
    capabilities: [
      'Repeat work on a timetable, for example every weekday at 7am, or run it once at a set time.',
      'Use UK time or any other time zone, with the clock changes handled for you.',
      'Choose what happens to runs that were missed while the platform was down.',
      'Pause and resume a schedule, and see everything it has run.',
    ],
    audience: ['analyst', 'operator'],
    permissions: ['schedules:read'],
  },
  {
    id: 'revenue-cycle',
    label: 'Revenue cycle',
    path: 'revenue-cycle',
    icon: 'revenue',
    summary: 'Eligibility and claim checks',
    description:
      "Check whether a patient's cover is active and where a claim has got to, one at a time or thousands at once.",
    capabilities: [
      'Check eligibility and claim status for a single patient, or upload a spreadsheet of thousands.',
      "Ask a clearinghouse where one is available, and use the payer's own website where it is not.",
      'Step in from an inbox when automation needs a person, for example to enter a security code.',
      'Download the results, with a screenshot of every website check kept as evidence.',
    ],
    audience: ['operator'],
    permissions: ['rcm:read'],
  },
  {
    id: 'approvals',
    label: 'Approvals',
    path: 'approvals',
    icon: 'approval',
    summary: 'Decisions waiting for you',
    description:
      'Nothing consequential happens without the right person agreeing. Every decision waiting for you is in one place.',
    capabilities: [
      'Approve or reject a step before it goes ahead, with the evidence in front of you.',
      'Give a run information it is waiting for, such as a security code or a clarification.',
      'See the deadline for each decision, so nothing waits too long.',
      'Work with the built-in safeguard: whoever started a piece of work can never approve it.',
    ],
    audience: ['supervisor', 'operator'],
    permissions: ['decisions:read', 'decisions:provide-input'],
  },
  {
    id: 'admin',
    label: 'Admin',
    path: 'admin',
    icon: 'admin',
    summary: 'Users, roles and tenants',
    description: 'Manage who can do what: people and their roles, custom roles, API tokens and organisations.',
    capabilities: [
      'Give people roles, from clinician to administrator, and take them away.',
      'See exactly what each role allows, and create roles of your own.',
      'Create personal API tokens for tools that work on your behalf, and revoke them.',
      'See the organisations you belong to.',
    ],
    audience: ['admin', 'compliance'],
    permissions: ['users:read', 'roles:read', 'tenants:read'],
  },
  {
    id: 'audit',
    label: 'Audit trail',
    path: 'audit',
    icon: 'audit',
    summary: 'Who did what, and when',
    description:
      'The tamper-evident record of everything people and the platform have done, with a check that nobody has altered it.',
    capabilities: [
      'Find records by person, action, resource and date.',
      'See what changed, with personal details removed.',
      'Check that the record is complete and unaltered.',
      'Export evidence for a compliance review as CSV, JSON or FHIR.',
    ],
    audience: ['compliance', 'admin'],
    permissions: ['audit:read'],
  },
  {
    id: 'settings',
    label: 'Settings',
    path: 'settings',
    icon: 'admin',
    summary: 'Connections to other systems',
    description:
      'How TrustOps connects to the systems it troubleshoots, whether each connection is working, and which practice scenario the pretend connections play.',
    capabilities: [
      'See whether each connection (ServiceNow, Jira, Datadog, PagerDuty, AWS, Slack) is real or pretend.',
      'Check that each connection is working.',
      'Choose the practice scenario the pretend connections act out.',
    ],
    audience: ['admin'],
    permissions: ['settings:read'],
  },
];

export function areaById(id: AreaId): Area {
  const area = AREAS.find((candidate) => candidate.id === id);
  if (!area) {
    throw new Error(`Unknown area "${id}"`);
  }
  return area;
}
