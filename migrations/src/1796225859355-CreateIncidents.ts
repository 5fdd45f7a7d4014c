import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by `npm run migration:generate`. Never edit it once it has landed. */
export class CreateIncidents1796225859355 implements MigrationInterface {
  name = 'CreateIncidents1796225859355';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incidents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(200) NOT NULL, "description" text NOT NULL, "status" character varying(30) NOT NULL, "severity" character varying(10) NOT NULL, "category" character varying(30) NOT NULL, "service" character varying(200), "scenario" character varying(100) NOT NULL, "engine" character varying(20) NOT NULL, "run_id" uuid, "round" integer NOT NULL DEFAULT '0', "reported_by_user_id" uuid, "reported_by_name" character varying(200) NOT NULL, "summary" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "step_outputs" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_incidents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_incidents_tenant_id" ON "incidents"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_incidents_tenant_id_created_at" ON "incidents"  ("tenant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "incident_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "source" character varying(20) NOT NULL, "title" character varying(300) NOT NULL, "data" jsonb NOT NULL, "round" integer NOT NULL, CONSTRAINT "pk_incident_evidence" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_incident_evidence_tenant_id" ON "incident_evidence"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_incident_evidence_incident_id_created_at" ON "incident_evidence"  ("incident_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "incident_id" uuid NOT NULL, "root_cause_id" character varying(100) NOT NULL, "root_cause" character varying(500) NOT NULL, "explanation" text NOT NULL, "confidence" real NOT NULL, "evidence_ids" jsonb NOT NULL, "engine" character varying(20) NOT NULL, "current" boolean NOT NULL DEFAULT true, "round" integer NOT NULL, "subject" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_incident_findings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_incident_findings_tenant_id" ON "incident_findings"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_incident_findings_incident_id_created_at" ON "incident_findings"  ("incident_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "incident_id" uuid NOT NULL, "finding_id" uuid, "rank" integer NOT NULL, "title" character varying(300) NOT NULL, "rationale" text NOT NULL, "risk" character varying(10) NOT NULL, "approval_policy" character varying(20) NOT NULL, "action" jsonb NOT NULL, "verification" jsonb, "runbook_id" character varying(100), "status" character varying(30) NOT NULL, "result" jsonb, "approved_by" jsonb NOT NULL DEFAULT '[]', "round" integer NOT NULL, CONSTRAINT "pk_incident_actions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_incident_actions_tenant_id" ON "incident_actions"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_incident_actions_incident_id_rank" ON "incident_actions"  ("incident_id", "rank") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_timeline_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "incident_id" uuid NOT NULL, "type" character varying(60) NOT NULL, "message" text NOT NULL, "actor_user_id" uuid, "actor_name" character varying(200) NOT NULL, CONSTRAINT "pk_incident_timeline_entries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_timeline_entries_tenant_id" ON "incident_timeline_entries"  ("tenant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_timeline_entries_incident_id_created_at" ON "incident_timeline_entries"  ("incident_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_mock_states" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "scenario" character varying(100) NOT NULL, "applied_actions" jsonb NOT NULL DEFAULT '[]', "tickets" jsonb NOT NULL DEFAULT '[]', "messages" jsonb NOT NULL DEFAULT '[]', "pager" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_incident_mock_states" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_mock_states_tenant_id" ON "incident_mock_states"  ("tenant_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_incident_mock_states_tenant" ON "incident_mock_states"  ("tenant_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_incident_mock_states_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_mock_states_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_mock_states"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_timeline_entries_incident_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_timeline_entries_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_timeline_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_actions_incident_id_rank"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_actions_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_actions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_findings_incident_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_findings_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_findings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_evidence_incident_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_evidence_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_evidence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_tenant_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incidents_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
  }
}
