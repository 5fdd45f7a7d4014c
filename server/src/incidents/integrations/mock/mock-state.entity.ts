import type { CloudActionResult } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../../platform/database/base.entity.js';
import type { Ticket } from '../providers.js';

/** A change a mock integration carried out, kept so a repeat with the same key is a no-op. */
export interface AppliedMockAction extends CloudActionResult {
  idempotencyKey: string;
}

/**
 * What the `mock` integrations remember for one tenant: the active scenario, and what has been
 * done to it (actions run, tickets filed, messages posted, pages acknowledged). Switching the
 * scenario starts from a clean state.
 */
@Entity('incident_mock_states')
@Index('ux_incident_mock_states_tenant', ['tenantId'], { unique: true })
export class IncidentMockState extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  scenario!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  appliedActions!: AppliedMockAction[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tickets!: Ticket[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  messages!: Array<{ channel: string; id: string; text: string; postedAt: string; threadId: string | null }>;

  /** PagerDuty incident id → who acknowledged it; notes added. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  pager!: Record<string, { acknowledgedBy?: string; notes: string[] }>;
}
