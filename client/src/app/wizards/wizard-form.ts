import { type AbstractControl, FormControl, FormGroup, type ValidationErrors } from '@angular/forms';
import { validateInputValue, type RunbookInput } from '@trustops/runbook';

/** One page of a wizard's stepper: inputs that share a `group` (or one input on its own). */
export interface WizardPage {
  title: string;
  inputs: RunbookInput[];
  form: FormGroup<Record<string, FormControl<unknown>>>;
}

/** The runbook's inputs as stepper pages, in the runbook's order, with values given up front. */
export function wizardPages(inputs: readonly RunbookInput[], prefill: Record<string, string> = {}): WizardPage[] {
  const pages: WizardPage[] = [];
  for (const field of inputs) {
    const title = field.group ?? field.label;
    let page = field.group ? pages.find((candidate) => candidate.title === title) : undefined;
    if (!page) {
      page = { title, inputs: [], form: new FormGroup<Record<string, FormControl<unknown>>>({}) };
      pages.push(page);
    }
    page.inputs.push(field);
    page.form.addControl(
      field.name,
      new FormControl<unknown>(prefill[field.name] ?? initialValue(field), {
        validators: (control) => validateField(field, control),
      }),
    );
  }
  return pages;
}

function initialValue(field: RunbookInput): unknown {
  if (field.type === 'boolean') return field.default === true;
  return field.default === undefined ? '' : String(field.default);
}

/** The runbook library's rule for one field (the server applies the same one), as an Angular validator. */
export function validateField(field: RunbookInput, control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (empty)
    return field.required && field.default === undefined
      ? { runbook: `${field.label || field.name} is required.` }
      : null;
  const checked = validateInputValue(field, value);
  return checked.ok ? null : { runbook: checked.message };
}

export function errorOf(control: AbstractControl | null | undefined): string {
  const message: unknown = control?.errors?.['runbook'];
  return typeof message === 'string' ? message : '';
}
