import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { ComponentState, DependencySource, PlatformStatusResponse } from '@trustops/contracts';
import type { IconName } from '../core/icons';
import { PlatformStatusService } from '../core/platform-status.service';

type StatusView = { kind: 'loading' } | { kind: 'error' } | { kind: 'loaded'; status: PlatformStatusResponse };

interface DependencyRow {
  label: string;
  icon: IconName;
  state: ComponentState;
  stateText: string;
  detail: string;
}

/** The home page's "Platform status" card: version, database, queues and model engine. */
@Component({
  selector: 'to-platform-status-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, MatProgressSpinnerModule],
  templateUrl: './platform-status-card.component.html',
  styleUrl: './platform-status-card.component.scss',
})
export class PlatformStatusCardComponent {
  private readonly platformStatus = inject(PlatformStatusService);

  protected readonly view = computed<StatusView>(() => {
    const status = this.platformStatus.status;
    if (status.hasValue()) {
      return { kind: 'loaded', status: status.value() };
    }
    return status.status() === 'error' ? { kind: 'error' } : { kind: 'loading' };
  });

  protected readonly dependencies = computed<DependencyRow[]>(() => {
    const view = this.view();
    if (view.kind !== 'loaded') {
      return [];
    }
    const { database, queues } = view.status;
    return [
      {
        label: 'Database',
        icon: 'database',
        state: database.state,
        stateText: stateText(database.state),
        detail: sourceText(
          database.source,
          'Built-in PostgreSQL database',
          'PostgreSQL database set up by your administrators',
        ),
      },
      {
        label: 'Queues',
        icon: 'queue',
        state: queues.state,
        stateText: stateText(queues.state),
        detail: sourceText(queues.source, 'Local Redis started by TrustOps', 'Redis set up by your administrators'),
      },
    ];
  });

  protected retry(): void {
    this.platformStatus.reload();
  }
}

function stateText(state: ComponentState): string {
  switch (state) {
    case 'up':
      return 'Working';
    case 'down':
      return 'Not reachable';
  }
}

function sourceText(source: DependencySource, embedded: string, configured: string): string {
  switch (source) {
    case 'embedded':
      return embedded;
    case 'configured':
      return configured;
  }
}
