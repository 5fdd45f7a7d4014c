import type { DocumentKind } from '@trustops/contracts';
import type { IntegrationAnalysis } from '../../runners/offline/index.js';
import { composeGapAnalysis } from './gap-analysis.js';
import { composeImpactAssessment } from './impact-assessment.js';
import { composeIntegrationAnalysis, composeSystemDocumentation } from './integration-documents.js';
import { composeTestPlan } from './test-plan.js';

export const COMPOSABLE_KINDS: readonly DocumentKind[] = [
  'analysis',
  'system-documentation',
  'impact-assessment',
  'test-plan',
  'gap-analysis',
];

/** Text inputs of the wizard, by name (`change`, `requirements`, `feature` ...). */
export type ComposeInputs = Record<string, string | null | undefined>;

/** The wizard's document, built deterministically from the offline analysis and the wizard's inputs. */
export async function composeDocument(
  kind: DocumentKind,
  root: string,
  analysis: IntegrationAnalysis,
  inputs: ComposeInputs,
): Promise<string> {
  switch (kind) {
    case 'analysis':
      return composeIntegrationAnalysis(analysis, inputs['focus']);
    case 'system-documentation':
      return composeSystemDocumentation(analysis, { system: inputs['system'], audience: inputs['audience'] });
    case 'impact-assessment':
      return composeImpactAssessment(root, analysis, { change: inputs['change'] ?? '', area: inputs['area'] });
    case 'test-plan':
      return composeTestPlan(analysis, { feature: inputs['feature'], messageTypes: inputs['messageTypes'] });
    case 'gap-analysis':
      return composeGapAnalysis(analysis, { requirements: inputs['requirements'] ?? '', standard: inputs['standard'] });
    case 'other':
      return analysis.markdown;
  }
}
