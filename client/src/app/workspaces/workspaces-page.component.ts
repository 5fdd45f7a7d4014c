import { ChangeDetectionStrategy, Component } from '@angular/core';
import { areaById } from '../core/areas';
import { AreaIntroComponent } from '../shared/area-intro/area-intro.component';

@Component({
  selector: 'to-workspaces-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaIntroComponent],
  template: '<to-area-intro [area]="area" />',
})
export class WorkspacesPageComponent {
  protected readonly area = areaById('workspaces');
}
