import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';

export interface TokenSecretDialogData {
  name: string;
  secret: string;
}

/**
 * The one and only showing of a new token's secret: the server stores a hash, and once this dialog
 * closes the secret is gone from the browser too. It only closes from its button, not by a stray
 * click outside it.
 */
@Component({
  selector: 'to-token-secret-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>Copy your new token now</h2>
    <mat-dialog-content>
      <p class="warning" role="note">
        <mat-icon svgIcon="warning" />
        <span>
          <strong>This is the only time you will see this token.</strong>
          Store it somewhere safe, such as a password manager. Anyone who has it can act as you.
        </span>
      </p>
      <label class="secret-label" for="token-secret">Token “{{ data.name }}”</label>
      <div class="secret-row">
        <input
          id="token-secret"
          class="secret"
          readonly
          [value]="data.secret"
          spellcheck="false"
          autocomplete="off"
          (focus)="selectAll($event)"
        />
        <button mat-flat-button type="button" (click)="copy()">
          <mat-icon [svgIcon]="copyState() === 'copied' ? 'check' : 'copy'" />
          {{ copyState() === 'copied' ? 'Copied' : 'Copy' }}
        </button>
      </div>
      <p class="copy-status" aria-live="polite">
        @switch (copyState()) {
          @case ('copied') {
            Copied to the clipboard.
          }
          @case ('failed') {
            Your browser would not copy it: select the token and copy it yourself.
          }
        }
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-stroked-button type="button" mat-dialog-close>I have stored it safely</button>
    </mat-dialog-actions>
  `,
  styles: `
    .warning {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      padding: 0.75rem 1rem;
      border-left: 6px solid var(--to-color-warm-yellow);
      background: #fff4d6;
      color: var(--to-color-text);

      mat-icon {
        flex: none;
      }
    }

    .secret-label {
      display: block;
      margin-bottom: 0.25rem;
      font-weight: 700;
    }

    .secret-row {
      display: flex;
      gap: 0.5rem;
      align-items: stretch;
    }

    .secret {
      flex: 1 1 auto;
      min-width: 0;
      padding: 0.5rem 0.75rem;
      border: 2px solid var(--to-color-text);
      border-radius: 4px;
      background: var(--to-color-pale-grey);
      color: var(--to-color-text);
      font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
      font-size: 0.9375rem;
    }

    .copy-status {
      min-height: 1.5rem;
      margin: 0.5rem 0 0;
      color: var(--to-color-secondary-text);
    }

    .secret-row button {
      flex: none;
      height: auto;
    }
  `,
})
export class TokenSecretDialogComponent {
  protected readonly data = inject<TokenSecretDialogData>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  protected readonly copyState = signal<'idle' | 'copied' | 'failed'>('idle');

  protected copy(): void {
    this.copyState.set(this.clipboard.copy(this.data.secret) ? 'copied' : 'failed');
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
