import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { LiveEventsService, type LiveConnectionState } from './live-events.service';
import { LiveStatusComponent } from './live-status.component';

describe(LiveStatusComponent.name, () => {
  const state = signal<LiveConnectionState>('connecting');

  function render(): HTMLElement {
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: { state } }],
    });
    const fixture = TestBed.createComponent(LiveStatusComponent);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('should say in words whether updates are live, as a polite status message', () => {
    state.set('live');
    const element = render();
    const status = element.querySelector('[role="status"]');

    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent?.trim()).toBe('Live');

    state.set('reconnecting');
    TestBed.tick();
    expect(status?.textContent?.trim()).toBe('Reconnecting…');
    expect(status?.getAttribute('data-state')).toBe('reconnecting');
  });

  it('should tell the person what to do when the server refuses live updates', () => {
    state.set('unavailable');
    expect(render().textContent).toContain('Live updates unavailable: reload the page or sign in again');
  });
});
