import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'to-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <h1>Page not found</h1>
    <p>If you typed the web address, check it is correct. If you followed a link, it may be out of date.</p>
    <a mat-flat-button routerLink="/">
      <mat-icon svgIcon="home" />
      Go to the home page
    </a>
  `,
})
export class NotFoundPageComponent {}
