import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by `npm run migration:generate`. Never edit it once it has landed. */
export class CreateRunsAndRunbookVersions1796222908595 implements MigrationInterface {
  name = 'CreateRunsAndRunbookVersions1796222908595';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "runbook_id" character varying(100) NOT NULL, "runbook_version" integer NOT NULL, "runbook_title" character varying(200) NOT NULL, "definition" jsonb NOT NULL, "state" character varying(16) NOT NULL, "idempotency_key" character varying(200), "inputs" jsonb NOT NULL, "outputs" jsonb, "error" text, "started_by_id" uuid, "started_by_name" character varying(200) NOT NULL, "rerun_of" uuid, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_runs_tenant_id" ON "runs"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_runs_tenant_id_created_at" ON "runs"  ("tenant_id", "created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_runs_tenant_id_idempotency_key" ON "runs"  ("tenant_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "step_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "run_id" uuid NOT NULL, "step_id" character varying(100) NOT NULL, "type" character varying(100) NOT NULL, "state" character varying(16) NOT NULL, "attempt" integer NOT NULL, "max_attempts" integer NOT NULL, "dispatch" integer NOT NULL DEFAULT '0', "output" jsonb, "error" text, "decision_id" character varying(64), "resume_at" TIMESTAMP WITH TIME ZONE, "pending_completion" jsonb, "queued_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "dead_lettered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_step_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_step_runs_tenant_id" ON "step_runs"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_step_runs_state" ON "step_runs"  ("state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_step_runs_run_id_step_id" ON "step_runs"  ("run_id", "step_id") `);
    await queryRunner.query(
      `CREATE TABLE "runbook_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "runbook_id" character varying(100) NOT NULL, "version" integer NOT NULL, "yaml" text NOT NULL, "definition" jsonb NOT NULL, "created_by_id" uuid, "created_by_name" character varying(200), CONSTRAINT "pk_runbook_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_runbook_versions_tenant_id" ON "runbook_versions"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_runbook_versions_tenant_id_runbook_id_version" ON "runbook_versions"  ("tenant_id", "runbook_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "step_runs" ADD CONSTRAINT "fk_step_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_runs" DROP CONSTRAINT "fk_step_runs_run_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_runbook_versions_tenant_id_runbook_id_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_runbook_versions_tenant_id"`);
    await queryRunner.query(`DROP TABLE "runbook_versions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_step_runs_run_id_step_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_step_runs_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_step_runs_tenant_id"`);
    await queryRunner.query(`DROP TABLE "step_runs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_runs_tenant_id_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_runs_tenant_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_runs_tenant_id"`);
    await queryRunner.query(`DROP TABLE "runs"`);
  }
}
