import { CreateDateColumn, Index, PrimaryGeneratedColumn, UpdateDateColumn, Column } from 'typeorm';

/** Columns every tenant-owned row has. Queries on such rows always filter by `tenantId`. */
export abstract class TenantOwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  tenantId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
