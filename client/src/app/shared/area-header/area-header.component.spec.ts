import { TestBed } from '@angular/core/testing';
import { areaById } from '../../core/areas';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { AreaHeaderComponent } from './area-header.component';

describe(AreaHeaderComponent.name, () => {
  it("should show the area's name as the page heading, what it is for, and its icon", async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    const fixture = TestBed.createComponent(AreaHeaderComponent);
    fixture.componentRef.setInput('area', areaById('audit'));
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Audit trail');
    expect(element.querySelector('.lead')?.textContent).toContain('tamper-evident record');
    expect(element.querySelector('.icon-frame mat-icon')?.getAttribute('data-mat-icon-name')).toBe('audit');
    expect(element.querySelector('.icon-frame')?.getAttribute('aria-hidden')).toBe('true');
  });
});
