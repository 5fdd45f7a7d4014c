import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CSRF_HEADER } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';
import { sessionStub } from '../../testing/platform-status.stub';
import { signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { csrfInterceptor } from './csrf.interceptor';

describe(csrfInterceptor.name, () => {
  let http: HttpClient;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    http = TestBed.inject(HttpClient);
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub());
  });

  afterEach(() => httpTesting.verify());

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('should send the CSRF token on %s', (method) => {
    void firstValueFrom(http.request(method, '/api/admin/users/user-2/roles', { body: { role: 'supervisor' } }));

    const request = httpTesting.expectOne('/api/admin/users/user-2/roles');
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(null);
  });

  it('should not send it on reads', () => {
    void firstValueFrom(http.get('/api/admin/users'));

    const request = httpTesting.expectOne('/api/admin/users');
    expect(request.request.headers.has(CSRF_HEADER)).toBe(false);
    request.flush({ items: [] });
  });

  it('should never hand it to another site', () => {
    void firstValueFrom(http.post('https://elsewhere.example/collect', {}));
    void firstValueFrom(http.post('//elsewhere.example/collect', {}));

    for (const request of httpTesting.match(() => true)) {
      expect(request.request.headers.has(CSRF_HEADER)).toBe(false);
      request.flush(null);
    }
  });
});
