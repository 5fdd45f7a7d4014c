import { ChangeDetectionStrategy, Component } from '@angular/core';
import { areaById } from '../core/areas';
import { AreaIntroComponent } from '../shared/area-intro/area-intro.component';

@Component({
  selector: 'to-runs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaIntroComponent],
  template: '<to-area-intro [area]="area" />',
})
export class RunsPageComponent {
  protected readonly area = areaById('runs');
}
