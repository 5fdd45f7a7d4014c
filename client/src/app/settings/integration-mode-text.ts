import type { IntegrationMode } from '@trustops/contracts';
import type { Described } from '../incidents/incident-text';

/** An integration's mode in plain English, with what it means for the people using incidents. */
export const INTEGRATION_MODES: Record<IntegrationMode, Described & { explanation: string }> = {
  mock: {
    text: 'Practice (pretend)',
    icon: 'wizard',
    tone: 'info',
    explanation: 'Answers from the practice scenario below; nothing real is read or changed.',
  },
  live: {
    text: 'Live (real system)',
    icon: 'status-up',
    tone: 'warning',
    explanation: "Talks to the product's real service; approved actions change real systems.",
  },
};
