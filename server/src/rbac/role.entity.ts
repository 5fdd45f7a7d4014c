import type { Permission } from '@trustops/contracts';
import { Column, Entity, Unique } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** A custom role defined by a tenant's administrators; built-in roles live in libs/contracts. */
@Entity('roles')
@Unique(['tenantId', 'key'])
export class Role extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 63 })
  key!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'text', array: true })
  permissions!: Permission[];
}
