import type { IntegrationMode, IntegrationName } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';

/**
 * An integration's mode chosen for one tenant on the settings page, in place of the configured
 * one. No row: the integration follows configuration. `updatedAt` is when it was chosen.
 */
@Entity('incident_integration_modes')
@Index('ux_incident_integration_modes_tenant_integration', ['tenantId', 'integration'], { unique: true })
export class IntegrationModeChoice extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 20 })
  integration!: IntegrationName;

  @Column({ type: 'varchar', length: 10 })
  mode!: IntegrationMode;

  @Column({ type: 'uuid', nullable: true })
  chosenByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  chosenByName!: string;
}
