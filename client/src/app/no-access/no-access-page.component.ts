import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { isPermission } from '@trustops/contracts';
import { describeRolesThatCan, permissionPhrase } from '../core/access';
import { describeRoles, SessionService } from '../core/session.service';

/**
 * Shown in place of a page the person may not open (the address stays the page's own), or whose
 * access could not be checked. Never a blank screen: it says why, who can, and the way home.
 */
@Component({
  selector: 'to-no-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <div class="notice">
      <span class="icon-frame" aria-hidden="true">
        <mat-icon [svgIcon]="reason() === 'unknown' ? 'status-unknown' : 'lock'" />
      </span>
      <div>
        @if (reason() === 'unknown') {
          <h1>We could not check your access</h1>
          <p class="lead">TrustOps did not answer when we asked who you are, so we cannot open this page yet.</p>
          <p>This usually passes in a moment. If it keeps happening, tell your IT service desk.</p>
          <div class="actions">
            <button mat-flat-button type="button" (click)="tryAgain()">
              <mat-icon svgIcon="retry" />
              Try again
            </button>
            <a mat-stroked-button routerLink="/">
              <mat-icon svgIcon="home" />
              Go to the home page
            </a>
          </div>
        } @else {
          <h1>You don't have access to this page</h1>
          @if (requirement(); as requirement) {
            <p class="lead">
              This page is for people who can {{ requirement.phrase }}: that is {{ requirement.roles }}.
            </p>
          } @else {
            <p class="lead">Your roles do not let you open this page.</p>
          }
          <p>
            @if (yourRoles(); as roles) {
              You are signed in as {{ roles }}{{ tenantName() ? ' in ' + tenantName() : '' }}.
            } @else {
              You do not have a role in {{ tenantName() || 'this organisation' }} yet.
            }
            If you need this page for your work, ask an administrator in your organisation to give you the right role.
          </p>
          <a mat-flat-button routerLink="/">
            <mat-icon svgIcon="home" />
            Go to the home page
          </a>
        }
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      max-width: 48rem;
    }

    .notice {
      display: flex;
      gap: 1.25rem;
      align-items: flex-start;
      padding: 1.5rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-dark-blue);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    h1 {
      margin: 0 0 0.75rem;
    }

    .lead {
      font-size: 1.1875rem;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }

    @media (max-width: 599.98px) {
      .notice {
        flex-direction: column;
        padding: 1rem;
      }
    }
  `,
})
export class NoAccessPageComponent {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  /** The query parameters the guard (`requirePermission`) sets. */
  private readonly queryParams = toSignal(inject(ActivatedRoute).queryParamMap);
  protected readonly reason = computed(() => this.queryParams()?.get('reason') ?? 'permission');
  private readonly permission = computed(() => this.queryParams()?.get('permission') ?? undefined);
  private readonly page = computed(() => this.queryParams()?.get('page') ?? '/');

  protected readonly requirement = computed(() => {
    const permission = this.permission();
    return permission && isPermission(permission)
      ? { phrase: permissionPhrase(permission), roles: describeRolesThatCan(permission) }
      : undefined;
  });
  protected readonly yourRoles = computed(() => describeRoles(this.session.current()?.roles ?? []));
  protected readonly tenantName = computed(() => this.session.current()?.activeTenant.name);

  protected tryAgain(): void {
    this.session.reload();
    void this.router.navigateByUrl(this.page());
  }
}
