import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { WizardWorkspaceOption } from '@trustops/contracts';
import { validateRunInputs, type RunbookInput } from '@trustops/runbook';
import { runInputError, runInputsFormGroup, type RunInputsFormGroup } from './run-inputs-form-group';

/** Few enough options to show them all as radio buttons rather than hide them in a list. */
const MAX_RADIO_OPTIONS = 4;

/** How a field is asked for. */
type FieldKind = 'yes-no' | 'radios' | 'list' | 'workspace' | 'long-text' | 'line';

/**
 * A runbook's typed inputs as a form: each input as the field that suits it (text, a larger box for
 * long text, a number, yes/no, a choice, a date, a codebase), its label and help, and the messages
 * the runbook library gives (the same ones the server gives) under the fields. The Start-run page,
 * a decision's form and each step of a wizard all ask through it.
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
    <div class="fields" [formGroup]="group()">
      @for (field of inputs(); track field.name) {
        @let control = group().controls[field.name];
        @switch (kindOf(field)) {
          @case ('yes-no') {
            <div class="choice">
              <mat-checkbox [formControlName]="field.name" [attr.data-input]="field.name">{{
                field.label
              }}</mat-checkbox>
              @if (field.help) {
                <p class="help">{{ field.help }}</p>
              }
            </div>
          }
          @case ('radios') {
            <div class="choice" role="radiogroup" [attr.aria-labelledby]="'input-label-' + field.name">
              <span class="choice-label" [id]="'input-label-' + field.name">{{ labelOf(field) }}</span>
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
          }
          @case ('list') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ labelOf(field) }}</mat-label>
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
          @case ('workspace') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ labelOf(field) }}</mat-label>
              <mat-select [formControlName]="field.name" [attr.data-input]="field.name">
                @for (workspace of workspaces(); track workspace.id) {
                  <mat-option [value]="workspace.id">{{ workspace.name }} ({{ workspace.fileCount }} files)</mat-option>
                }
              </mat-select>
              @if (field.help) {
                <mat-hint>{{ field.help }}</mat-hint>
              }
              <mat-error>{{ errorOf(control) }}</mat-error>
            </mat-form-field>
            @if (workspaces()?.length === 0) {
              <p class="help" role="status">
                No codebases have been imported yet. Ask an integration analyst to import one in Workspaces.
              </p>
            }
          }
          @case ('long-text') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ labelOf(field) }}</mat-label>
              <textarea matInput rows="4" [formControlName]="field.name" [attr.data-input]="field.name"></textarea>
              @if (field.help) {
                <mat-hint>{{ field.help }}</mat-hint>
              }
              <mat-error>{{ errorOf(control) }}</mat-error>
            </mat-form-field>
          }
          @case ('line') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ labelOf(field) }}</mat-label>
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
  /** The inputs to ask for, in order: all of a runbook's, or those of one wizard page. */
  readonly inputs = input.required<readonly RunbookInput[]>();
  /**
   * The form the answers go into, when the page keeps it (a wizard's step, which the stepper
   * checks); made from `inputs` when not given.
   */
  readonly form = input<RunInputsFormGroup>();
  /**
   * The codebases a `workspace` input may name, offered as a list; without them a workspace
   * input is typed in like any other.
   */
  readonly workspaces = input<readonly WizardWorkspaceOption[]>();

  protected readonly group = computed(() => this.form() ?? runInputsFormGroup(this.inputs()));
  protected readonly errorOf = runInputError;

  /**
   * Checks every field; returns the values converted as the runbook declares them (numbers,
   * yes/no, dates, defaults applied), or undefined after showing what to fix.
   */
  submit(): Record<string, unknown> | undefined {
    const form = this.group();
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

  protected kindOf(field: RunbookInput): FieldKind {
    switch (field.type) {
      case 'boolean':
        return 'yes-no';
      case 'enum':
        return (field.options?.length ?? 0) <= MAX_RADIO_OPTIONS ? 'radios' : 'list';
      case 'workspace':
        return this.workspaces() ? 'workspace' : 'line';
      case 'text':
        return 'long-text';
      case 'string':
      case 'number':
      case 'date':
      case 'file':
        return 'line';
    }
  }

  protected labelOf(field: RunbookInput): string {
    return field.required ? field.label : `${field.label} (optional)`;
  }
}
