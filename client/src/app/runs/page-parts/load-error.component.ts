import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** What could not be loaded, said plainly, with a button to try again. */
@Component({
  selector: 'to-load-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="form-error" role="alert">
      <span>{{ message() }}</span>
      <button mat-stroked-button type="button" (click)="retry.emit()">
        <mat-icon svgIcon="retry" />
        Try again
      </button>
    </div>
  `,
  styles: `
    .form-error {
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
    }
  `,
})
export class LoadErrorComponent {
  readonly message = input.required<string>();
  readonly retry = output();
}
