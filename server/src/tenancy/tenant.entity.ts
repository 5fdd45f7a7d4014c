import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An organisation using TrustOps, usually one NHS Trust. Every other row belongs to one. */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The organisation's ODS code (e.g. "RRK"); sign-ins whose CIS2 role names it land here. */
  @Column({ type: 'varchar', length: 10, nullable: true, unique: true })
  odsCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
