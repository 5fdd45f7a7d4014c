import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations to join an organisation (server/src/rbac/invitation.entity.ts). The table is as
 * generated from the entity; the two partial indexes on `lower(email)` are written by hand (the
 * entity declares them with `synchronize: false`): one open invitation per tenant and email
 * whatever its letter case, and the invited person's lookup by email. Never edit it once it has landed.
 */
export class CreateInvitations1796285987285 implements MigrationInterface {
  name = 'CreateInvitations1796285987285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(320) NOT NULL, "role" character varying(63) NOT NULL, "invited_by_id" uuid NOT NULL, "invited_by_name" character varying(200) NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "declined_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "answered_by_id" uuid, CONSTRAINT "pk_invitations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invitations_tenant_id" ON "invitations"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_invitations_open_tenant_id_email" ON "invitations" ("tenant_id", lower("email"))
       WHERE "accepted_at" IS NULL AND "declined_at" IS NULL AND "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitations_open_email" ON "invitations" (lower("email"))
       WHERE "accepted_at" IS NULL AND "declined_at" IS NULL AND "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_tenant_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitations_open_email"`);
    await queryRunner.query(`DROP INDEX "public"."ux_invitations_open_tenant_id_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitations_tenant_id"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
