import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type {
  PromptTemplateListResponse,
  PromptTemplateVariable,
  PromptTemplateView,
  WizardWorkspaceOption,
} from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WIZARD_WORKSPACES_URL } from './documents-api';
import { PROMPT_TEMPLATES_URL, PromptTemplatesApi } from './prompt-templates-api';

/**
 * `/documents/ask`: a conversation with the agent started from a ready-made question (a prompt
 * template). The person picks the template, fills in its blanks and the integration to look at,
 * and is taken to the run, where the answer is written as they watch.
 */
@Component({
  selector: 'to-template-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AreaHeaderComponent,
    BackLinkComponent,
    FormErrorComponent,
    LoadStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
  ],
  template: `
    <to-back-link link="/documents">All documents</to-back-link>
    <to-area-header
      icon="engine-claude"
      heading="Ask the agent from a template"
      lead="Choose a ready-made question, fill in the blanks and pick the integration. The agent's answer is written on the next page as you watch."
    />

    <to-load-state
      [resource]="templates"
      loadingLabel="Loading the templates"
      failureMessage="We could not load the templates."
    />
    <to-load-state
      [resource]="workspaces"
      loadingLabel="Loading the integrations"
      failureMessage="We could not load the integrations."
    />

    @if (templates.hasValue() && templateList().length === 0) {
      <div class="empty-state">
        <h2>No templates yet</h2>
        <p>Your organisation has no ready-made questions for the agent yet. An analyst can add them.</p>
      </div>
    } @else if (workspaces.hasValue() && workspaceList().length === 0) {
      <div class="empty-state">
        <h2>No integrations to look at yet</h2>
        <p>
          The agent answers questions about an integration's code, and none has been imported.
          @if (canImport()) {
            <a routerLink="/workspaces">Import one in Workspaces</a>.
          } @else {
            Ask an analyst to import one.
          }
        </p>
      </div>
    } @else if (templates.hasValue() && workspaces.hasValue()) {
      <form class="ask" (submit)="start($event)" novalidate>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Template</mat-label>
          <mat-select [value]="chosenKey()" (selectionChange)="choose($event.value)" required>
            @for (template of templateList(); track template.key) {
              <mat-option [value]="template.key">{{ template.title }}</mat-option>
            }
          </mat-select>
        </mat-form-field>

        @if (chosen(); as template) {
          <section class="template" aria-labelledby="template-heading">
            <h2 id="template-heading">{{ template.title }}</h2>
            @if (template.description) {
              <p>{{ template.description }}</p>
            }
            <blockquote aria-label="The question the agent will be asked">{{ question() }}</blockquote>
          </section>

          @for (variable of template.variables; track variable.name) {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ labelOf(variable) }}</mat-label>
              <input
                matInput
                autocomplete="off"
                [name]="variable.name"
                [required]="isRequired(variable)"
                [value]="values()[variable.name] ?? ''"
                (input)="setValue(variable.name, $event)"
              />
              @if (variable.default) {
                <mat-hint>Leave empty for “{{ variable.default }}”</mat-hint>
              } @else if (!isRequired(variable)) {
                <mat-hint>Optional</mat-hint>
              }
            </mat-form-field>
          }
        }

        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Which integration?</mat-label>
          <mat-select [value]="workspaceId()" (selectionChange)="workspaceId.set($event.value)" required>
            @for (workspace of workspaceList(); track workspace.id) {
              <mat-option [value]="workspace.id">{{ workspace.name }} ({{ workspace.fileCount }} files)</mat-option>
            }
          </mat-select>
        </mat-form-field>

        @if (error(); as message) {
          <to-form-error>{{ message }}</to-form-error>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            <mat-icon svgIcon="arrow-forward" />
            Ask the agent
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .ask {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      max-width: 40rem;
    }

    .template {
      padding: 0.75rem 1rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);

      h2 {
        margin: 0 0 0.25rem;
        font-size: 1.1875rem;
      }

      p {
        margin: 0 0 0.5rem;
      }
    }

    blockquote {
      margin: 0;
      padding: 0.5rem 1rem;
      border-left: 4px solid var(--to-color-blue);
      background: var(--to-color-pale-blue);
      white-space: pre-wrap;
    }

    .empty-state h2 {
      margin: 0 0 0.25rem;
      font-size: 1.1875rem;
    }
  `,
})
export class TemplateSessionPageComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(PromptTemplatesApi);
  private readonly router = inject(Router);

  protected readonly templates = httpResource<PromptTemplateListResponse>(() =>
    forActiveTenant(this.session, { url: PROMPT_TEMPLATES_URL }),
  );
  protected readonly workspaces = httpResource<{ items: WizardWorkspaceOption[] }>(() =>
    forActiveTenant(this.session, { url: WIZARD_WORKSPACES_URL }),
  );
  protected readonly templateList = computed(() => valueOr(this.templates, undefined)?.items ?? []);
  protected readonly workspaceList = computed(() => valueOr(this.workspaces, undefined)?.items ?? []);
  protected readonly canImport = computed(() => this.session.can('workspaces:write'));

  protected readonly chosenKey = signal<string | undefined>(undefined);
  protected readonly chosen = computed(() => this.templateList().find((template) => template.key === this.chosenKey()));
  protected readonly values = signal<Record<string, string>>({});
  /** The question as it reads with what has been typed so far; blanks still to fill show their label. */
  protected readonly question = computed(() => {
    const template = this.chosen();
    return template ? fillBlanks(template, this.values()) : '';
  });
  protected readonly workspaceId = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);

  protected choose(key: string): void {
    this.chosenKey.set(key);
    this.values.set({});
    this.error.set(undefined);
  }

  protected setValue(name: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((values) => ({ ...values, [name]: value }));
    this.error.set(undefined);
  }

  protected readonly isRequired = needsValue;
  protected readonly labelOf = variableLabel;

  protected async start(event: Event): Promise<void> {
    event.preventDefault();
    const template = this.chosen();
    const workspaceId = this.workspaceId();
    const problem = whatIsMissing(template, this.values(), workspaceId);
    if (problem || !template || !workspaceId) {
      this.error.set(problem);
      return;
    }
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const started = await this.api.startSession(template.key, {
        workspaceId,
        version: template.version,
        values: filledValues(this.values()),
      });
      await this.router.navigate(['/runs', started.runId]);
    } catch (error) {
      this.error.set(describeHttpError(error, 'The agent could not be asked. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }
}

/** A variable must be filled in when it is required and has no default to fall back on. */
function needsValue(variable: PromptTemplateVariable): boolean {
  return variable.required !== false && !variable.default;
}

/** The variable's description, else its name as words: `message_type` → "Message type". */
function variableLabel(variable: PromptTemplateVariable): string {
  if (variable.description) return variable.description;
  const words = variable.name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The template's text with each `{{ name }}` replaced by what was typed, else its default, else
 * its label in brackets. Only for showing: the server fills the template that is sent.
 */
function fillBlanks(template: PromptTemplateView, values: Record<string, string>): string {
  const variables = new Map(template.variables.map((variable) => [variable.name, variable]));
  return template.body.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_placeholder, name: string) => {
    const variable = variables.get(name);
    return values[name]?.trim() || variable?.default || `[${variable ? variableLabel(variable) : name}]`;
  });
}

/** What must be filled in before asking, in one sentence; undefined when nothing is missing. */
function whatIsMissing(
  template: PromptTemplateView | undefined,
  values: Record<string, string>,
  workspaceId: string | undefined,
): string | undefined {
  if (!template) return 'Choose a template first.';
  const blank = template.variables.filter((variable) => needsValue(variable) && !values[variable.name]?.trim());
  if (blank.length > 0) return `Fill in ${blank.map((variable) => `“${variableLabel(variable)}”`).join(' and ')}.`;
  if (!workspaceId) return 'Choose which integration the agent should look at.';
  return undefined;
}

/** The values with something in them: an empty box lets the template's default apply. */
function filledValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
}
