import type { RunbookInput } from '@trustops/runbook';
import { runInputsFormGroup, type RunInputsFormGroup } from '../runs/run-inputs-form/run-inputs-form-group';

/** One page of a wizard's stepper: inputs that share a `group` (or one input on its own). */
export interface WizardPage {
  title: string;
  inputs: RunbookInput[];
  form: RunInputsFormGroup;
}

/** The runbook's inputs as stepper pages, in the runbook's order, with values given up front. */
export function wizardPages(inputs: readonly RunbookInput[], prefill: Record<string, string> = {}): WizardPage[] {
  const pages: Omit<WizardPage, 'form'>[] = [];
  for (const field of inputs) {
    const title = field.group ?? field.label;
    const page = field.group ? pages.find((candidate) => candidate.title === title) : undefined;
    if (page) page.inputs.push(field);
    else pages.push({ title, inputs: [field] });
  }
  return pages.map((page) => ({ ...page, form: runInputsFormGroup(page.inputs, prefill) }));
}
