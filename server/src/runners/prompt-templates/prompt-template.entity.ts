import type { PromptTemplateVariable } from '@trustops/contracts';
import { Column, Entity, Unique } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';

/** One version of a prompt template; saving never changes a version, it adds the next one. */
@Entity('prompt_templates')
@Unique(['tenantId', 'key', 'version'])
export class PromptTemplate extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 63 })
  key!: string;

  @Column('int')
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column('text')
  body!: string;

  @Column({ type: 'jsonb', default: [] })
  variables!: PromptTemplateVariable[];

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;
}
