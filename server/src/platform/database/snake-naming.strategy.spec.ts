import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constraintName, snakeCase, SnakeNamingStrategy } from './snake-naming.strategy.js';

describe(SnakeNamingStrategy.name, () => {
  const sut = new SnakeNamingStrategy();

  it('should turn camelCase, PascalCase and acronyms into snake_case', () => {
    assert.equal(snakeCase('tenantId'), 'tenant_id');
    assert.equal(snakeCase('createdAt'), 'created_at');
    assert.equal(snakeCase('RunStep'), 'run_step');
    assert.equal(snakeCase('HTTPRequest'), 'http_request');
    assert.equal(snakeCase('nhsNumber'), 'nhs_number');
    assert.equal(snakeCase('step2Result'), 'step2_result');
    assert.equal(snakeCase('already_snake'), 'already_snake');
  });

  it('should keep a table name given explicitly and derive one otherwise', () => {
    assert.equal(sut.tableName('Tenant', 'tenants'), 'tenants');
    assert.equal(sut.tableName('RunStep', undefined), 'run_step');
  });

  it('should name columns in snake_case, including embedded ones', () => {
    assert.equal(sut.columnName('tenantId', undefined, []), 'tenant_id');
    assert.equal(sut.columnName('line1', undefined, ['postalAddress']), 'postal_address_line1');
    assert.equal(sut.columnName('ignored', 'customName', []), 'custom_name');
  });

  it('should name join columns after the relation and the referenced column', () => {
    assert.equal(sut.joinColumnName('tenant', 'id'), 'tenant_id');
    assert.equal(sut.joinColumnName('approvedBy', 'id'), 'approved_by_id');
  });

  it('should give constraints readable names', () => {
    assert.equal(sut.primaryKeyName('tenants', ['id']), 'pk_tenants');
    assert.equal(sut.uniqueConstraintName('tenants', ['slug']), 'uq_tenants_slug');
    assert.equal(sut.foreignKeyName('runs', ['tenant_id']), 'fk_runs_tenant_id');
    assert.equal(sut.indexName('public.runs', ['tenant_id', 'state']), 'ix_runs_tenant_id_state');
  });

  it('should tell apart partial indexes and checks on the same columns', () => {
    const active = sut.indexName('runs', ['tenant_id'], `"state" = 'running'`);
    const waiting = sut.indexName('runs', ['tenant_id'], `"state" = 'waiting'`);
    assert.notEqual(active, waiting);
    assert.match(active, /^ix_runs_tenant_id_[0-9a-f]{10}$/);
    assert.notEqual(
      sut.checkConstraintName('runs', '"attempt" >= 0'),
      sut.checkConstraintName('runs', '"attempt" < 10'),
    );
  });

  it('should keep long names within 63 characters and still unique', () => {
    const columns = ['a_rather_long_column_name', 'another_rather_long_column_name'];
    const first = constraintName('ix', 'a_table_with_a_long_name', columns);
    const second = constraintName('ix', 'a_table_with_a_long_name', [...columns].reverse());
    assert.ok(first.length <= 63, first);
    assert.notEqual(first, second);
  });
});
