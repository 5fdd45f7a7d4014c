import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workspaces: imported codebases (server/src/workspaces). Never edit it once it has landed. */
export class CreateWorkspaces1796223355060 implements MigrationInterface {
  name = 'CreateWorkspaces1796223355060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workspaces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "source_kind" character varying(10) NOT NULL, "source" text NOT NULL, "storage_path" text NOT NULL, "commit" character varying(64), "file_count" integer NOT NULL DEFAULT '0', "size_bytes" bigint NOT NULL DEFAULT '0', "allow_write" boolean NOT NULL DEFAULT false, "allow_bash" boolean NOT NULL DEFAULT false, "created_by_user_id" uuid, "created_by_name" character varying(200) NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_workspaces" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_workspaces_tenant_id" ON "workspaces"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_workspaces_tenant_id_source_kind_source" ON "workspaces"  ("tenant_id", "source_kind", "source") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_workspaces_tenant_id_source_kind_source"`);
    await queryRunner.query(`DROP INDEX "public"."ix_workspaces_tenant_id"`);
    await queryRunner.query(`DROP TABLE "workspaces"`);
  }
}
