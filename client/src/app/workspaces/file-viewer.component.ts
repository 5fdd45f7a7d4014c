import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { WorkspaceFileResponse } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';
import { LoadStateComponent, type LoadableResource } from '../shared/load-state/load-state.component';
import { highlightLines } from './code-view';
import { appendPage, FILE_PAGE_LINES, formatBytes, workspaceFileUrl } from './workspaces-api';

/** One file of a workspace with line numbers and syntax colours, a page of lines at a time. */
@Component({
  selector: 'to-file-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // highlight.js's spans are created outside Angular's templates, so these styles cannot be scoped.
  encapsulation: ViewEncapsulation.None,
  imports: [LoadStateComponent, MatButtonModule],
  template: `
    <div class="to-file-viewer">
      <header>
        <h2>{{ path() }}</h2>
        @if (file(); as file) {
          <span class="facts">
            {{ size(file.size) }}
            @if (!file.binary) {
              · {{ file.totalLines.toLocaleString('en-GB') }} lines
            }
          </span>
        }
      </header>
      <to-load-state
        [resource]="fileLoad"
        loadingLabel="Loading the file"
        failureMessage="We could not open that file."
      />
      @if (!error() && file(); as file) {
        @if (file.binary) {
          <p class="empty">This file is not text (it may be a picture or a program), so it cannot be shown here.</p>
        } @else if (file.totalLines === 0) {
          <p class="empty">This file is empty.</p>
        } @else {
          <pre
            class="code"
            tabindex="0"
            [attr.aria-label]="'Contents of ' + path()"
            [style.counter-reset]="'to-code-line ' + (file.startLine - 1)"
          ><code [innerHTML]="html()"></code></pre>
          @if (file.hasMore) {
            <p class="more">
              Showing lines {{ file.startLine }} to {{ file.endLine }} of {{ file.totalLines.toLocaleString('en-GB') }}.
              <button mat-stroked-button type="button" [disabled]="loading()" (click)="load(file.endLine + 1)">
                Show the next {{ pageLines }} lines
              </button>
            </p>
          }
        }
      }
    </div>
  `,
  styles: `
    .to-file-viewer {
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        margin-bottom: 0.5rem;
      }

      h2 {
        margin: 0;
        font-size: 1.125rem;
        overflow-wrap: anywhere;
      }

      .facts,
      .more {
        color: var(--to-color-secondary-text);
        font-size: 0.875rem;
      }

      .more {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }

      .code {
        max-height: 70vh;
        padding: 1rem;
        margin: 0;
        overflow: auto;
        border: 1px solid var(--to-color-border);
        border-radius: 4px;
        background: var(--to-color-page);
        color: var(--to-color-text);
        font-size: 0.8125rem;
        line-height: 1.6;

        .line::before {
          display: inline-block;
          width: 3rem;
          margin-right: 1rem;
          color: var(--to-color-secondary-text);
          text-align: right;
          content: counter(to-code-line);
          counter-increment: to-code-line;
          user-select: none;
        }
      }

      .hljs-keyword,
      .hljs-built_in,
      .hljs-attr {
        color: #003087;
        font-weight: 700;
      }

      .hljs-string,
      .hljs-regexp {
        color: #006435;
      }

      .hljs-number,
      .hljs-literal {
        color: #8a3a00;
      }

      .hljs-comment {
        color: #4c6272;
        font-style: italic;
      }

      .hljs-title,
      .hljs-name,
      .hljs-meta,
      .hljs-tag {
        color: #7c2855;
      }
    }
  `,
})
export class FileViewerComponent {
  private readonly http = inject(HttpClient);
  readonly workspaceId = input.required<string>();
  readonly path = input.required<string>();
  protected readonly pageLines = FILE_PAGE_LINES;
  protected readonly size = formatBytes;
  protected readonly file = signal<WorkspaceFileResponse | undefined>(undefined);
  protected readonly loading = signal(false);
  protected readonly error = signal<unknown>(undefined);
  /** Trying again opens the file from its first line, as opening it did. */
  protected readonly fileLoad: LoadableResource = {
    isLoading: () => this.loading(),
    error: () => this.error(),
    reload: () => {
      void this.load(1);
      return true;
    },
  };
  protected readonly html = computed(() => {
    const file = this.file();
    return file
      ? highlightLines(file.content, file.language)
          .map((line) => `<span class="line">${line}</span>`)
          .join('\n')
      : '';
  });

  constructor() {
    effect(() => {
      this.workspaceId();
      this.path();
      this.file.set(undefined);
      void this.load(1);
    });
  }

  protected async load(startLine: number): Promise<void> {
    const workspaceId = this.workspaceId();
    const path = this.path();
    this.loading.set(true);
    this.error.set(undefined);
    try {
      const page = await firstValueFrom(
        this.http.get<WorkspaceFileResponse>(workspaceFileUrl(workspaceId, path, startLine)),
      );
      // The person may have opened another file meanwhile.
      if (workspaceId === this.workspaceId() && path === this.path()) this.file.set(appendPage(this.file(), page));
    } catch (error) {
      this.error.set(error);
    } finally {
      this.loading.set(false);
    }
  }
}
