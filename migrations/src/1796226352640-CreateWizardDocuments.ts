import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wizard documents and their review lifecycle (server/src/documents). Never edit it once it has landed. */
export class CreateWizardDocuments1796226352640 implements MigrationInterface {
  name = 'CreateWizardDocuments1796226352640';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "wizard_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(300) NOT NULL, "kind" character varying(40) NOT NULL, "state" character varying(20) NOT NULL, "content" text NOT NULL, "content_sha256" character varying(64) NOT NULL, "run_id" uuid, "workspace_id" uuid, "created_by_user_id" uuid, "created_by_name" character varying(200) NOT NULL, "review_run_id" uuid, "signatures" jsonb NOT NULL DEFAULT '[]', "invalidated_signatures" jsonb NOT NULL DEFAULT '[]', "history" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "pk_wizard_documents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_wizard_documents_tenant_id" ON "wizard_documents"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_wizard_documents_tenant_id_run_id" ON "wizard_documents"  ("tenant_id", "run_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_wizard_documents_tenant_id_run_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_wizard_documents_tenant_id"`);
    await queryRunner.query(`DROP TABLE "wizard_documents"`);
  }
}
