import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DocumentView } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { SESSION_URL } from '../core/session.service';
import { DocumentDetailComponent } from './document-detail.component';

function documentStub(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    id: 'doc-1',
    title: 'Impact assessment',
    kind: 'impact-assessment',
    state: 'approved',
    runId: 'run-1',
    workspaceId: 'ws-1',
    createdBy: { userId: 'user-1', displayName: 'Dr Aisha Rahman' },
    createdAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    contentSha256: 'a'.repeat(64),
    content: '# Impact assessment\n\nPID-3 is validated in `src/hl7/validator.js`.',
    signatures: [
      {
        stage: 'review',
        contentSha256: 'a'.repeat(64),
        approver: { userId: 'user-4', displayName: 'Siobhan Murphy' },
        approvedAt: '2026-12-01T10:00:00Z',
        decisionId: 'decision-1',
        runId: 'run-2',
      },
    ],
    invalidatedSignatures: [],
    signatureValid: true,
    history: [],
    reviewRunId: null,
    ...overrides,
  };
}

describe(DocumentDetailComponent.name, () => {
  it('should show the stage, the signature, and send an edit that invalidates the approval', async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    const httpTesting = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DocumentDetailComponent);
    fixture.componentRef.setInput('documentId', 'doc-1');
    fixture.detectChanges();
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    httpTesting.expectOne('/api/documents/doc-1').flush(documentStub());
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    expect(page.querySelector('.badge')?.textContent?.trim()).toBe('Approved');
    expect(page.querySelector('[aria-current="step"]')?.textContent).toContain('Approve');
    expect(page.querySelector('[data-testid="signature"]')?.textContent).toContain('Approved by Siobhan Murphy');
    expect(page.querySelector('[data-testid="signature"] code')?.textContent).toBe('a'.repeat(64));
    expect(page.querySelector('.markdown-body h1')?.textContent).toBe('Impact assessment');

    [...page.querySelectorAll('button')].find((button) => button.textContent?.includes('Edit the document'))?.click();
    fixture.detectChanges();
    const editor = page.querySelector('textarea');
    expect(editor?.value).toContain('PID-3 is validated');
    if (editor) {
      editor.value = '# Impact assessment\n\nChanged.';
      editor.dispatchEvent(new Event('input'));
    }
    [...page.querySelectorAll('button')].find((button) => button.textContent?.includes('Save changes'))?.click();
    const save = httpTesting.expectOne('/api/documents/doc-1');
    expect(save.request.method).toBe('PATCH');
    expect(save.request.body).toEqual({ content: '# Impact assessment\n\nChanged.' });
    save.flush(
      documentStub({
        state: 'draft',
        content: '# Impact assessment\n\nChanged.',
        signatures: [],
        invalidatedSignatures: documentStub().signatures,
        signatureValid: false,
      }),
    );
    await fixture.whenStable();

    expect(page.querySelector('.badge')?.textContent?.trim()).toBe('Draft');
    expect(page.textContent).toContain('no longer applies');
    httpTesting.verify();
  });
});
