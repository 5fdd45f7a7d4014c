import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by `npm run migration:generate`. Never edit it once it has landed. */
export class CreateAgentRunnersSessionsAndPromptTemplates1796223253789 implements MigrationInterface {
  name = 'CreateAgentRunnersSessionsAndPromptTemplates1796223253789';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agent_invocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "effect_key" character varying(200) NOT NULL, "run_id" uuid NOT NULL, "step_id" character varying(100) NOT NULL, "attempt" integer NOT NULL, "workspace_id" character varying(100) NOT NULL, "session_id" uuid, "runner" character varying(16) NOT NULL, "prompt" text NOT NULL, "state" character varying(16) NOT NULL, "checkpoint" jsonb, "stop_reason" character varying(16), "answer" text, "turns" integer NOT NULL DEFAULT '0', "usage" jsonb, "error" text, "started_by" jsonb NOT NULL, CONSTRAINT "pk_agent_invocations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agent_invocations_tenant_id" ON "agent_invocations"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_agent_invocations_effect_key" ON "agent_invocations"  ("effect_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_agent_invocations_run_id" ON "agent_invocations"  ("run_id") `);
    await queryRunner.query(`CREATE INDEX "ix_agent_invocations_session_id" ON "agent_invocations"  ("session_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agent_invocations_tenant_id_workspace_id_created_at" ON "agent_invocations"  ("tenant_id", "workspace_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agent_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "workspace_id" character varying(100) NOT NULL, "title" character varying(200) NOT NULL, "runner" character varying(16), "created_by_id" uuid, "created_by_name" character varying(200) NOT NULL, "last_run_id" uuid, CONSTRAINT "pk_agent_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agent_sessions_tenant_id" ON "agent_sessions"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agent_sessions_tenant_id_workspace_id_updated_at" ON "agent_sessions"  ("tenant_id", "workspace_id", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agent_session_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "session_id" uuid NOT NULL, "seq" integer NOT NULL, "role" character varying(16) NOT NULL, "text" text NOT NULL, "run_id" uuid, "effect_key" character varying(200), CONSTRAINT "uq_agent_session_messages_session_id_effect_key_role" UNIQUE ("session_id", "effect_key", "role"), CONSTRAINT "uq_agent_session_messages_session_id_seq" UNIQUE ("session_id", "seq"), CONSTRAINT "pk_agent_session_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agent_session_messages_tenant_id" ON "agent_session_messages"  ("tenant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agent_session_messages_session_id" ON "agent_session_messages"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "prompt_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "key" character varying(63) NOT NULL, "version" integer NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "body" text NOT NULL, "variables" jsonb NOT NULL DEFAULT '[]', "created_by_id" uuid, "created_by_name" character varying(200), CONSTRAINT "uq_prompt_templates_tenant_id_key_version" UNIQUE ("tenant_id", "key", "version"), CONSTRAINT "pk_prompt_templates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_prompt_templates_tenant_id" ON "prompt_templates"  ("tenant_id") `);
    await queryRunner.query(
      `ALTER TABLE "agent_session_messages" ADD CONSTRAINT "fk_agent_session_messages_session_id" FOREIGN KEY ("session_id") REFERENCES "agent_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agent_session_messages" DROP CONSTRAINT "fk_agent_session_messages_session_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_prompt_templates_tenant_id"`);
    await queryRunner.query(`DROP TABLE "prompt_templates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_session_messages_session_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_session_messages_tenant_id"`);
    await queryRunner.query(`DROP TABLE "agent_session_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_sessions_tenant_id_workspace_id_updated_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_sessions_tenant_id"`);
    await queryRunner.query(`DROP TABLE "agent_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_invocations_tenant_id_workspace_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_invocations_session_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_invocations_run_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_invocations_effect_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_invocations_tenant_id"`);
    await queryRunner.query(`DROP TABLE "agent_invocations"`);
  }
}
