import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { LoadStateComponent, type LoadableResource } from './load-state.component';

describe(LoadStateComponent.name, () => {
  const loading = signal(false);
  const error = signal<unknown>(undefined);
  const reload = vi.fn(() => true);
  const resource: LoadableResource = { isLoading: () => loading(), error: () => error(), reload };

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    const fixture = TestBed.createComponent(LoadStateComponent);
    fixture.componentRef.setInput('resource', resource);
    fixture.componentRef.setInput('loadingLabel', 'Loading people');
    fixture.componentRef.setInput('failureMessage', 'We could not load the people in this organisation.');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  beforeEach(() => {
    loading.set(false);
    error.set(undefined);
    reload.mockClear();
  });

  it('should show a labelled progress bar while loading, and nothing else', async () => {
    loading.set(true);
    const element = await render();

    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Loading people');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('should say why loading failed and try again when asked', async () => {
    error.set(new HttpErrorResponse({ status: 400 }));
    const element = await render();

    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('We could not load the people in this organisation.');
    alert?.querySelector('button')?.click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("should prefer the server's own reason", async () => {
    error.set(new HttpErrorResponse({ status: 403 }));
    const element = await render();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('You do not have permission to do that.');
  });
});
