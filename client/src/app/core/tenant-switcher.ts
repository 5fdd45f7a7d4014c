import { Location } from '@angular/common';
import { inject, Injectable, Injector } from '@angular/core';
import type { MatSnackBarConfig } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { describeHttpError } from './http-error';
import { SessionService } from './session.service';

/**
 * Makes another of the person's organisations the active one, says so, and opens the same page
 * again under it (if still allowed). The account menu and the Home page's invitations use it.
 */
@Injectable({ providedIn: 'root' })
export class TenantSwitcher {
  private readonly sessionService = inject(SessionService);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly injector = inject(Injector);

  /** Resolves true once switched (or already active), false after saying why it could not. */
  async switchTo(tenantId: string, tenantName: string): Promise<boolean> {
    if (tenantId === this.sessionService.activeTenantId()) {
      return true;
    }
    try {
      await this.sessionService.switchTenant(tenantId);
    } catch (error) {
      await this.tell(describeHttpError(error, 'We could not switch organisation. Try again.'), 'Close');
      return false;
    }
    void this.tell(`You are now working in ${tenantName}.`, undefined, { duration: 5000 });
    await this.router.navigateByUrl(this.location.path() || '/', { onSameUrlNavigation: 'reload' });
    return true;
  }

  /** A passing message. The snack bar is fetched when first needed, to keep it out of the first download. */
  private async tell(message: string, action?: string, config?: MatSnackBarConfig): Promise<void> {
    const { MatSnackBar } = await import('@angular/material/snack-bar');
    this.injector.get(MatSnackBar).open(message, action, config);
  }
}
