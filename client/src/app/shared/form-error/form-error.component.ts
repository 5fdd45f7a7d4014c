import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * What went wrong with a form or a dialog's action, said where the person is looking and read
 * out at once by screen readers: `<to-form-error>{{ error }}</to-form-error>`.
 */
@Component({
  selector: 'to-form-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  host: { class: 'form-error', role: 'alert' },
  template: `
    <mat-icon svgIcon="warning" />
    <span><ng-content /></span>
  `,
})
export class FormErrorComponent {}
