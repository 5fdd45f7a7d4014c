import { TestBed } from '@angular/core/testing';
import { BrowserLocation } from './browser-location';
import { provideReloadOnHistoryRestore } from './history-restore';

describe(provideReloadOnHistoryRestore.name, () => {
  let reload: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    reload = vi.fn();
    TestBed.configureTestingModule({
      providers: [provideReloadOnHistoryRestore(), { provide: BrowserLocation, useValue: { reload } }],
    });
    TestBed.inject(BrowserLocation);
  });

  it('should load the page again when Back restores it from the back/forward cache', () => {
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('should leave a page that was loaded normally alone', () => {
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));

    expect(reload).not.toHaveBeenCalled();
  });
});
