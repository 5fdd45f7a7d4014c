import type { DocumentHistoryEntry, DocumentKind, DocumentSignature, DocumentState } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/**
 * A document a wizard produced (Markdown with Mermaid diagrams) and where it is in its review
 * lifecycle. One per wizard run (`runId` unique per tenant), so a redelivered step finds it.
 */
@Entity('wizard_documents')
@Index(['tenantId', 'runId'], { unique: true })
export class WizardDocument extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: DocumentKind;

  @Column({ type: 'varchar', length: 20 })
  state!: DocumentState;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 64 })
  contentSha256!: string;

  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  workspaceId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdByName!: string;

  /** The run of `document-review` waiting on the current review or verification decision. */
  @Column({ type: 'uuid', nullable: true })
  reviewRunId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  signatures!: DocumentSignature[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  invalidatedSignatures!: DocumentSignature[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  history!: DocumentHistoryEntry[];
}
