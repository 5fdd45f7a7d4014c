import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { areaById } from '../../core/areas';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { AreaHeaderComponent } from './area-header.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaHeaderComponent],
  template: `
    <to-area-header [area]="area" icon="run" heading="Nightly bed census">
      <p areaHeaderBelow class="facts">Started by Ada</p>
      <button type="button">Cancel run</button>
    </to-area-header>
  `,
})
class PageWithinAreaComponent {
  protected readonly area = areaById('runs');
}

describe(AreaHeaderComponent.name, () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: provideTestEnvironment() }));

  it("should show the area's name as the page heading, what it is for, and its icon", async () => {
    const fixture = TestBed.createComponent(AreaHeaderComponent);
    fixture.componentRef.setInput('area', areaById('audit'));
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Audit trail');
    expect(element.querySelector('.lead')?.textContent).toContain('tamper-evident record');
    expect(element.querySelector('.icon-frame mat-icon')?.getAttribute('data-mat-icon-name')).toBe('audit');
    expect(element.querySelector('.icon-frame')?.getAttribute('aria-hidden')).toBe('true');
  });

  it("should let a page within the area give its own heading and icon, and show no lead when it gives none of the area's", async () => {
    const fixture = TestBed.createComponent(AreaHeaderComponent);
    fixture.componentRef.setInput('icon', 'run');
    fixture.componentRef.setInput('heading', 'Nightly bed census');
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Nightly bed census');
    expect(element.querySelector('.lead')).toBeNull();
    expect(element.querySelector('.icon-frame mat-icon')?.getAttribute('data-mat-icon-name')).toBe('run');
  });

  it('should put facts under the heading and the actions beside it', async () => {
    const fixture = TestBed.createComponent(PageWithinAreaComponent);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Nightly bed census');
    expect(element.querySelector('.heading .facts')?.textContent).toBe('Started by Ada');
    expect(element.querySelector('.actions button')?.textContent).toBe('Cancel run');
    expect(element.querySelector('.lead')?.textContent).toBe(areaById('runs').description);
  });
});
