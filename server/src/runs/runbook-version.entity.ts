import type { RunbookDefinition } from '@trustops/runbook';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/**
 * One saved version of a tenant's own runbook. Versions are never changed: saving or rolling back
 * adds a new one, so the history is the list of rows. A tenant's version of a built-in runbook id
 * shadows the built-in for that tenant.
 */
@Entity('runbook_versions')
@Index('uq_runbook_versions_tenant_id_runbook_id_version', ['tenantId', 'runbookId', 'version'], { unique: true })
export class RunbookVersion extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  runbookId!: string;

  @Column('int')
  version!: number;

  @Column('text')
  yaml!: string;

  /** The parsed definition, its `version` set to this row's. */
  @Column('jsonb')
  definition!: RunbookDefinition;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;
}
