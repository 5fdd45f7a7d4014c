import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { validateInputValue, validateRunInputs, type RunbookInput } from '@trustops/runbook';

/** Few enough options to show them all as radio buttons rather than hide them in a list. */
const MAX_RADIO_OPTIONS = 4;

type InputControls = Record<string, FormControl<unknown>>;

/**
 * A runbook's typed inputs as a form: each input as the field that suits it (text, a larger box for
 * long text, a number, yes/no, a choice, a date), its label and help, and the messages the runbook
 * library gives (the same ones the server gives) under the fields.
 */
@Component({
  selector: 'to-run-inputs-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  template: `
    <div class="fields" [formGroup]="form()">
      @for (field of inputs(); track field.name) {
        @let control = form().controls[field.name];
        @switch (field.type) {
          @case ('boolean') {
            <div class="choice">
              <mat-checkbox [formControlName]="field.name" [attr.data-input]="field.name">{{
                field.label
              }}</mat-checkbox>
              @if (field.help) {
                <p class="help">{{ field.help }}</p>
              }
            </div>
          }
          @case ('enum') {
            @if ((field.options?.length ?? 0) <= maxRadioOptions) {
              <div class="choice" role="radiogroup" [attr.aria-labelledby]="'input-label-' + field.name">
                <span class="choice-label" [id]="'input-label-' + field.name"
                  >{{ field.label }}{{ field.required ? '' : ' (optional)' }}</span
                >
                @if (field.help) {
                  <p class="help">{{ field.help }}</p>
                }
                <mat-radio-group [formControlName]="field.name" [attr.data-input]="field.name">
                  @for (option of field.options ?? []; track option.value) {
                    <mat-radio-button [value]="option.value">{{ option.label || option.value }}</mat-radio-button>
                  }
                </mat-radio-group>
                @if (control?.touched && errorOf(control); as message) {
                  <p class="choice-error" role="alert">{{ message }}</p>
                }
              </div>
            } @else {
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ field.label }}{{ field.required ? '' : ' (optional)' }}</mat-label>
                <mat-select [formControlName]="field.name" [attr.data-input]="field.name">
                  @if (!field.required) {
                    <mat-option [value]="''">None</mat-option>
                  }
                  @for (option of field.options ?? []; track option.value) {
                    <mat-option [value]="option.value">{{ option.label || option.value }}</mat-option>
                  }
                </mat-select>
                @if (field.help) {
                  <mat-hint>{{ field.help }}</mat-hint>
                }
                <mat-error>{{ errorOf(control) }}</mat-error>
              </mat-form-field>
            }
          }
          @case ('text') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ field.label }}{{ field.required ? '' : ' (optional)' }}</mat-label>
              <textarea matInput rows="4" [formControlName]="field.name" [attr.data-input]="field.name"></textarea>
              @if (field.help) {
                <mat-hint>{{ field.help }}</mat-hint>
              }
              <mat-error>{{ errorOf(control) }}</mat-error>
            </mat-form-field>
          }
          @default {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ field.label }}{{ field.required ? '' : ' (optional)' }}</mat-label>
              <input
                matInput
                [type]="field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'"
                [formControlName]="field.name"
                [attr.data-input]="field.name"
                autocomplete="off"
              />
              @if (field.help) {
                <mat-hint>{{ field.help }}</mat-hint>
              }
              <mat-error>{{ errorOf(control) }}</mat-error>
            </mat-form-field>
          }
        }
      }
    </div>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      max-width: 40rem;
    }

    mat-form-field {
      width: 100%;
    }

    .choice {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    .choice-label {
      font-weight: 700;
    }

    .help {
      margin: 0;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    mat-radio-group {
      display: flex;
      flex-direction: column;
    }

    .choice-error {
      margin: 0;
      color: var(--to-color-red);
      font-weight: 700;
    }
  `,
})
export class RunInputsFormComponent {
  readonly inputs = input.required<readonly RunbookInput[]>();

  protected readonly maxRadioOptions = MAX_RADIO_OPTIONS;
  protected readonly form = computed(() => new FormGroup<InputControls>(controlsFor(this.inputs())));

  /**
   * Checks every field; returns the values converted as the runbook declares them (numbers,
   * yes/no, dates, defaults applied), or undefined after showing what to fix.
   */
  submit(): Record<string, unknown> | undefined {
    const form = this.form();
    form.markAllAsTouched();
    const result = validateRunInputs({ inputs: [...this.inputs()] }, form.getRawValue());
    if (result.ok) {
      return result.values;
    }
    for (const problem of result.errors) {
      form.controls[problem.input]?.setErrors({ runbook: problem.message });
    }
    return undefined;
  }

  protected errorOf(control: AbstractControl | undefined): string {
    const message: unknown = control?.errors?.['runbook'];
    return typeof message === 'string' ? message : '';
  }
}

function controlsFor(inputs: readonly RunbookInput[]): InputControls {
  return Object.fromEntries(
    inputs.map((field) => [
      field.name,
      new FormControl<unknown>(initialValue(field), { validators: (control) => validateField(field, control) }),
    ]),
  );
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
