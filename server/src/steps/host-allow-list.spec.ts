import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostAllowList } from './host-allow-list.js';

describe(HostAllowList.name, () => {
  const sut = new HostAllowList([
    'api.example.nhs.uk',
    '127.0.0.1:8080',
    '*.trust.nhs.uk',
    '[::1]:9000',
    'Mixed.Example',
  ]);
  const allows = (url: string) => sut.allows(new URL(url));

  it('should allow a named host on any port', () => {
    assert.equal(allows('https://api.example.nhs.uk/x'), true);
    assert.equal(allows('http://api.example.nhs.uk:8443/x'), true);
    assert.equal(allows('https://mixed.example/'), true);
  });

  it('should allow a host:port entry only on that port (default ports included)', () => {
    assert.equal(allows('http://127.0.0.1:8080/'), true);
    assert.equal(allows('http://127.0.0.1/'), false);
    assert.equal(allows('http://[::1]:9000/'), true);
    assert.equal(allows('http://[::1]:9001/'), false);
    assert.equal(new HostAllowList(['secure.example:443']).allows(new URL('https://secure.example/')), true);
  });

  it('should allow sub-domains of a wildcard, but not the bare domain or look-alikes', () => {
    assert.equal(allows('https://pas.trust.nhs.uk/'), true);
    assert.equal(allows('https://a.b.trust.nhs.uk/'), true);
    assert.equal(allows('https://trust.nhs.uk/'), false);
    assert.equal(allows('https://eviltrust.nhs.uk/'), false);
    assert.equal(allows('https://api.example.nhs.uk.evil.example/'), false);
  });

  it('should allow nothing when empty', () => {
    assert.equal(new HostAllowList([]).allows(new URL('https://api.example.nhs.uk/')), false);
  });
});
