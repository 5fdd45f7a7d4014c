import { ChangeDetectionStrategy, Component } from '@angular/core';
import { areaById } from '../core/areas';
import { AreaIntroComponent } from '../shared/area-intro/area-intro.component';

@Component({
  selector: 'to-approvals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaIntroComponent],
  template: '<to-area-intro [area]="area" />',
})
export class ApprovalsPageComponent {
  protected readonly area = areaById('approvals');
}
