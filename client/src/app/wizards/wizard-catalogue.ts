/** The guided wizards: their runbooks (runbooks/wizards) and how the app presents them. */
import type { IconName } from '../core/icons';

export type WizardKey = 'analyse' | 'document' | 'impact' | 'test-plan' | 'gap';

export interface WizardInfo {
  key: WizardKey;
  runbookId: string;
  title: string;
  /** One sentence for the tile. */
  blurb: string;
  /** What the wizard gives you at the end. */
  produces: string;
  icon: IconName;
  /** The input a request typed on the home page goes into, if any. */
  requestInput?: string;
}

export const WIZARDS: readonly WizardInfo[] = [
  {
    key: 'analyse',
    runbookId: 'wizards-analyse-integration',
    title: 'Analyse an integration',
    blurb: 'Find out what an integration does: its parts, and how each message travels.',
    produces: 'An architecture picture, message flows and a list of every component.',
    icon: 'code',
    requestInput: 'focus',
  },
  {
    key: 'document',
    runbookId: 'wizards-document-system',
    title: 'Document a system',
    blurb: 'Write documentation of a system: what it does, its interfaces and message formats.',
    produces: 'System documentation with diagrams, ready for review.',
    icon: 'runbook',
  },
  {
    key: 'impact',
    runbookId: 'wizards-impact-assessment',
    title: 'Assess the impact of a change',
    blurb: 'See everything a change would touch, such as a new patient identifier format.',
    produces: 'The affected components and systems, the risk, and the work involved.',
    icon: 'warning',
    requestInput: 'change',
  },
  {
    key: 'test-plan',
    runbookId: 'wizards-test-plan',
    title: 'Generate a test plan',
    blurb: 'Get test cases for an integration or a change, with what should happen in each.',
    produces: 'Test cases, edge cases and expected outcomes per message type.',
    icon: 'task',
    requestInput: 'feature',
  },
  {
    key: 'gap',
    runbookId: 'wizards-gap-analysis',
    title: 'Gap analysis',
    blurb: 'Compare what an integration does today with what is required.',
    produces: 'Each requirement marked met, partly met or missing, with recommendations.',
    icon: 'filter',
    requestInput: 'requirements',
  },
];

export function wizardByKey(key: string | null | undefined): WizardInfo | undefined {
  return WIZARDS.find((wizard) => wizard.key === key);
}

export function wizardByRunbook(runbookId: string | null | undefined): WizardInfo | undefined {
  return WIZARDS.find((wizard) => wizard.runbookId === runbookId);
}
