import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { isAreaOpenTo } from '../core/access';
import { AREAS } from '../core/areas';
import { describeRoles, SessionService, SIGN_IN_URL } from '../core/session.service';
import { WizardTilesComponent } from '../wizards/wizard-tiles.component';
import { InvitationsCardComponent } from './invitations-card.component';
import { PlatformStatusCardComponent } from './platform-status-card.component';
import { RecentProjectsComponent } from './recent-projects.component';
import { WhatDoYouNeedComponent } from './what-do-you-need.component';

@Component({
  selector: 'to-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    InvitationsCardComponent,
    MatButtonModule,
    MatIconModule,
    PlatformStatusCardComponent,
    RecentProjectsComponent,
    RouterLink,
    WhatDoYouNeedComponent,
    WizardTilesComponent,
  ],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.scss',
})
export class HomePageComponent {
  private readonly sessionService = inject(SessionService);

  protected readonly session = this.sessionService.state;
  protected readonly signInUrl = SIGN_IN_URL;
  protected readonly tiles = computed(() =>
    AREAS.filter((area) => area.id !== 'home' && isAreaOpenTo(area, this.sessionService)),
  );
  protected readonly roles = computed(() => {
    const session = this.session();
    return session.kind === 'signed-in' ? describeRoles(session.session.roles) : '';
  });

  /** Wizards, the request box and recent projects are for people who may start wizards. */
  protected readonly canStartWizards = computed(
    () => this.session().kind === 'signed-in' && this.sessionService.can('runs:start'),
  );

  protected checkSignInAgain(): void {
    this.sessionService.reload();
  }
}
