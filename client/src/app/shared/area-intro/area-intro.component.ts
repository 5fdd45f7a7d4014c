import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ROLE_LABELS } from '@trustops/contracts';
import type { Area } from '../../core/areas';
import { AreaHeaderComponent } from '../area-header/area-header.component';

/**
 * The page of an area that is not built yet: what it will let people do, and nothing pretend.
 * Each area's own page replaces this as the area is built.
 */
@Component({
  selector: 'to-area-intro',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaHeaderComponent, MatButtonModule, MatIconModule, RouterLink],
  templateUrl: './area-intro.component.html',
  styleUrl: './area-intro.component.scss',
})
export class AreaIntroComponent {
  readonly area = input.required<Area>();

  protected readonly audience = computed(() =>
    this.area()
      .audience.map((role) => ROLE_LABELS[role])
      .join(', '),
  );
}
