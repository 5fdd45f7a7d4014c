import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideTestEnvironment } from '../../testing/test-providers';
import { AuditChainStatusComponent, type ChainStatus } from './audit-chain-status.component';

describe(AuditChainStatusComponent.name, () => {
  let fixture: ComponentFixture<AuditChainStatusComponent>;

  function render(status: ChainStatus): HTMLElement {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    fixture = TestBed.createComponent(AuditChainStatusComponent);
    fixture.componentRef.setInput('status', status);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const headingOf = (element: HTMLElement): string =>
    element.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('should say the trail is intact and how many records were checked', () => {
    const element = render({ kind: 'checked', result: { valid: true, checked: 1284 } });

    expect(headingOf(element)).toBe('Audit trail intact — 1,284 records checked');
    expect(element.querySelector('[data-state="intact"] mat-icon')?.getAttribute('svgicon')).toBe('chain-intact');
  });

  it('should name the first broken record and why, in words', () => {
    const element = render({
      kind: 'checked',
      result: {
        valid: false,
        checked: 17,
        firstBrokenRecord: {
          id: 'record-17',
          sequence: 17,
          reason: 'hash-mismatch',
          detail: "the record's content does not match its hash",
        },
      },
    });

    expect(headingOf(element)).toBe('Broken at record #17: its content was changed after it was written');
    expect(element.querySelector('[data-state="broken"] mat-icon')?.getAttribute('svgicon')).toBe('chain-broken');
    expect(element.textContent).toContain("Details: the record's content does not match its hash");
  });

  it('should explain a missing record', () => {
    const element = render({
      kind: 'checked',
      result: {
        valid: false,
        checked: 9,
        firstBrokenRecord: { id: 'r', sequence: 9, reason: 'sequence-gap', detail: 'expected sequence 8, found 9' },
      },
    });

    expect(headingOf(element)).toBe('Broken at record #9: a record before it is missing');
  });

  it('should say when the check is under way, and when it could not be done', () => {
    expect(headingOf(render({ kind: 'checking' }))).toBe('Checking the audit trail…');
    TestBed.resetTestingModule();
    const element = render({ kind: 'error', message: 'You do not have permission to do that.' });
    expect(headingOf(element)).toBe('We could not check the audit trail');
    expect(element.textContent).toContain('You do not have permission to do that.');
  });

  it('should offer to check again', () => {
    const element = render({ kind: 'checked', result: { valid: true, checked: 3 } });
    const checkAgain = vi.fn();
    fixture.componentInstance.checkAgain.subscribe(checkAgain);

    element.querySelector<HTMLButtonElement>('.check-again')?.click();

    expect(checkAgain).toHaveBeenCalled();
  });
});
