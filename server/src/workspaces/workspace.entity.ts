import type { WorkspaceSourceKind } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/**
 * An imported codebase: a clone or copy under DATA_DIR/workspaces/<tenant>/<id>. One per source
 * per tenant, so importing the same repository twice gives the same workspace.
 */
@Entity('workspaces')
@Index(['tenantId', 'sourceKind', 'source'], { unique: true })
export class Workspace extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  sourceKind!: WorkspaceSourceKind;

  /** Normalised: a git URL without credentials or trailing `.git`, or a folder's real path. */
  @Column({ type: 'text' })
  source!: string;

  /** Absolute path of the checkout on this server. */
  @Column({ type: 'text' })
  storagePath!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  commit!: string | null;

  @Column({ type: 'integer', default: 0 })
  fileCount!: number;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) },
  })
  sizeBytes!: number;

  @Column({ type: 'boolean', default: false })
  allowWrite!: boolean;

  @Column({ type: 'boolean', default: false })
  allowBash!: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdByName!: string;

  @Column({ type: 'timestamptz' })
  refreshedAt!: Date;
}
