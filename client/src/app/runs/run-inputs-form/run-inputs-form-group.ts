import { type AbstractControl, FormControl, FormGroup, type ValidationErrors } from '@angular/forms';
import { validateInputValue, type RunbookInput } from '@trustops/runbook';

/** A runbook's inputs as form controls, keyed by input name. */
export type RunInputsFormGroup = FormGroup<Record<string, FormControl<unknown>>>;

/**
 * A form group for some of a runbook's inputs (all of them, or one wizard page's), each control
 * starting at the value given up front, else the input's default, and checked by the runbook
 * library's rule.
 */
export function runInputsFormGroup(
  inputs: readonly RunbookInput[],
  prefill: Readonly<Record<string, string>> = {},
): RunInputsFormGroup {
  const group: RunInputsFormGroup = new FormGroup<Record<string, FormControl<unknown>>>({});
  for (const field of inputs) {
    group.addControl(
      field.name,
      new FormControl<unknown>(prefill[field.name] ?? initialValue(field), {
        validators: (control) => validateField(field, control),
      }),
    );
  }
  return group;
}

/** The message under a field: the runbook library's (the server gives the same), or none. */
export function runInputError(control: AbstractControl | null | undefined): string {
  const message: unknown = control?.errors?.['runbook'];
  return typeof message === 'string' ? message : '';
}

function initialValue(field: RunbookInput): unknown {
  if (field.type === 'boolean') return field.default === true;
  return field.default === undefined ? '' : String(field.default);
}

/** The runbook library's rule for one field, as an Angular validator (empty optional fields pass). */
function validateField(field: RunbookInput, control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (empty) {
    return field.required && field.default === undefined
      ? { runbook: `${field.label || field.name} is required.` }
      : null;
  }
  const checked = validateInputValue(field, value);
  return checked.ok ? null : { runbook: checked.message };
}
