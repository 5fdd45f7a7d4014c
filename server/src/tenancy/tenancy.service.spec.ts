import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tenantSlugFromName } from './tenancy.service.js';

describe(tenantSlugFromName.name, () => {
  it('should make a lower-case, hyphenated short name from an organisation name', () => {
    assert.equal(tenantSlugFromName('Riverside Community Health NHS Trust'), 'riverside-community-health-nhs-trust');
    assert.equal(tenantSlugFromName("  St Mary's & St Ann's (Acute) "), 'st-mary-s-st-ann-s-acute');
    assert.equal(tenantSlugFromName('Hôpital Général'), 'hopital-general');
  });

  it('should fit the 63 characters a slug may have, without a trailing hyphen', () => {
    const slug = tenantSlugFromName(`${'a'.repeat(62)} b`);
    assert.equal(slug, 'a'.repeat(62));
    assert.ok(tenantSlugFromName('x '.repeat(40)).length <= 63);
    assert.doesNotMatch(tenantSlugFromName('x '.repeat(40)), /-$/);
  });
});
