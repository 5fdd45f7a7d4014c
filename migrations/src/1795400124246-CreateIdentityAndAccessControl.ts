import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by `npm run migration:generate`. Never edit it once it has landed. */
export class CreateIdentityAndAccessControl1795400124246 implements MigrationInterface {
  name = 'CreateIdentityAndAccessControl1795400124246';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer" character varying(500) NOT NULL, "subject" character varying(255) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(320), "status" character varying(16) NOT NULL DEFAULT 'active', "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_issuer_subject" UNIQUE ("issuer", "subject"), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "secret_hash" character varying(64) NOT NULL, "hint" character varying(24) NOT NULL, "permissions" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_api_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_tenant_id" ON "api_tokens"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_user_id" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_api_tokens_secret_hash" ON "api_tokens"  ("secret_hash") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" character varying(64) NOT NULL, "user_id" uuid, "active_tenant_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "csrf_token" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_user_id" ON "sessions"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_expires_at" ON "sessions"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "role_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "role" character varying(63) NOT NULL, "source" character varying(32) NOT NULL, "assigned_by_id" uuid, CONSTRAINT "uq_role_assignments_tenant_id_user_id_role" UNIQUE ("tenant_id", "user_id", "role"), CONSTRAINT "pk_role_assignments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_tenant_id" ON "role_assignments"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_user_id" ON "role_assignments"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "roles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key" character varying(63) NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "permissions" text array NOT NULL, CONSTRAINT "uq_roles_tenant_id_key" UNIQUE ("tenant_id", "key"), CONSTRAINT "pk_roles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_roles_tenant_id" ON "roles"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE TABLE "tenant_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, CONSTRAINT "uq_tenant_memberships_tenant_id_user_id" UNIQUE ("tenant_id", "user_id"), CONSTRAINT "pk_tenant_memberships" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_tenant_memberships_tenant_id" ON "tenant_memberships"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_tenant_memberships_user_id" ON "tenant_memberships"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "fk_api_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_memberships" ADD CONSTRAINT "fk_tenant_memberships_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_memberships" ADD CONSTRAINT "fk_tenant_memberships_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_memberships" DROP CONSTRAINT "fk_tenant_memberships_user_id"`);
    await queryRunner.query(`ALTER TABLE "tenant_memberships" DROP CONSTRAINT "fk_tenant_memberships_tenant_id"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_user_id"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_user_id"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "fk_api_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tenant_memberships_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tenant_memberships_tenant_id"`);
    await queryRunner.query(`DROP TABLE "tenant_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."ix_roles_tenant_id"`);
    await queryRunner.query(`DROP TABLE "roles"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_tenant_id"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_user_id"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_tokens_secret_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_tokens_tenant_id"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
