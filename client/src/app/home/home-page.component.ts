import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { isAreaOpenTo } from '../core/access';
import { AREAS } from '../core/areas';
import { describeRoles, SessionService, SIGN_IN_URL } from '../core/session.service';
import { PlatformStatusCardComponent } from './platform-status-card.component';

@Component({
  selector: 'to-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, PlatformStatusCardComponent, RouterLink],
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

  protected checkSignInAgain(): void {
    this.sessionService.reload();
  }
}
