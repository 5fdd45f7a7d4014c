import { BreakpointObserver } from '@angular/cdk/layout';
import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, skip } from 'rxjs';
import { isAreaOpenTo } from '../core/access';
import { AREAS } from '../core/areas';
import { PlatformStatusService } from '../core/platform-status.service';
import { describeRoles, SessionService, signInUrl } from '../core/session.service';
import { TenantSwitcher } from '../core/tenant-switcher';

/** Below this width the navigation slides over the page instead of sitting beside it. */
const NARROW_LAYOUT = '(max-width: 959.98px)';

@Component({
  selector: 'to-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The menu's parts are used only in the template's @defer block, so they load after the page.
  imports: [
    MatButton,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly breakpointObserver = inject(BreakpointObserver);
  private readonly platformStatus = inject(PlatformStatusService).status;
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly tenantSwitcher = inject(TenantSwitcher);
  private readonly sessionService = inject(SessionService);
  protected readonly session = this.sessionService.state;

  /** Only the areas this person may open; everything while signed out, since opening one asks them to sign in. */
  protected readonly areas = computed(() => AREAS.filter((area) => isAreaOpenTo(area, this.sessionService)));
  protected readonly canManageTokens = computed(() => this.sessionService.can('tokens:manage'));

  /** The address in the browser's bar (not the no-access page shown in its place), to come back to after sign-in. */
  private readonly currentPath = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.location.path()),
    ),
    { initialValue: this.location.path() },
  );
  protected readonly signInHref = computed(() => signInUrl(this.currentPath() || '/'));

  protected readonly isNarrow = toSignal(
    this.breakpointObserver.observe(NARROW_LAYOUT).pipe(map((state) => state.matches)),
    { initialValue: this.breakpointObserver.isMatched(NARROW_LAYOUT) },
  );
  /** Open beside the page on wide screens; closed until asked for on narrow ones. */
  protected readonly navigationOpen = linkedSignal(() => !this.isNarrow());

  protected readonly environment = computed(() =>
    this.platformStatus.hasValue() ? environmentLabel(this.platformStatus.value().environment) : undefined,
  );
  protected readonly version = computed(() =>
    this.platformStatus.hasValue() ? this.platformStatus.value().version : undefined,
  );
  protected readonly roles = computed(() => {
    const session = this.session();
    return session.kind === 'signed-in' ? describeRoles(session.session.roles) : '';
  });

  constructor() {
    // After moving to another page, put keyboard and screen-reader focus at the start of its content.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        if (this.isNarrow()) {
          this.navigationOpen.set(false);
        }
        this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  /** Makes another organisation the active one, then opens the same page again under it (if still allowed). */
  protected switchTenant(tenantId: string, tenantName: string): void {
    void this.tenantSwitcher.switchTo(tenantId, tenantName);
  }

  protected signOut(): void {
    void this.sessionService.signOut();
  }

  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}

function environmentLabel(environment: string): string {
  return environment === 'production' ? 'Live' : environment.charAt(0).toUpperCase() + environment.slice(1);
}
