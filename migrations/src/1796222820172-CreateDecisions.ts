import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions, their votes and comments (server/src/approvals). Generated from the entities; the
 * triggers at the end are hand-written: votes and comments are never edited or deleted, except
 * that an early vote (no decision yet) is bound once to the decision its gate creates.
 */
export class CreateDecisions1796222820172 implements MigrationInterface {
  name = 'CreateDecisions1796222820172';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decision_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision_id" uuid NOT NULL, "user_id" uuid, "user_name" character varying(200) NOT NULL, "text" text NOT NULL, CONSTRAINT "pk_decision_comments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_decision_comments_tenant_id" ON "decision_comments"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_decision_comments_decision_id" ON "decision_comments"  ("decision_id") `);
    await queryRunner.query(
      `CREATE TABLE "decision_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision_id" uuid, "run_id" uuid, "step_id" character varying(100), "user_id" uuid NOT NULL, "user_name" character varying(200) NOT NULL, "user_roles" text array NOT NULL DEFAULT '{}', "verdict" character varying(16) NOT NULL, "comment" text, "response" jsonb, "early" boolean NOT NULL DEFAULT false, "discarded_reason" text, CONSTRAINT "uq_decision_votes_decision_id_user_id" UNIQUE ("decision_id", "user_id"), CONSTRAINT "pk_decision_votes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_decision_votes_tenant_id" ON "decision_votes"  ("tenant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_decision_votes_decision_id" ON "decision_votes"  ("decision_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_decision_votes_tenant_id_run_id_step_id" ON "decision_votes"  ("tenant_id", "run_id", "step_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(16) NOT NULL, "state" character varying(16) NOT NULL, "title" character varying(500) NOT NULL, "context" text NOT NULL DEFAULT '', "policy" character varying(16) NOT NULL, "allowed_roles" text array NOT NULL DEFAULT '{}', "form" jsonb NOT NULL DEFAULT '[]', "run_id" uuid, "step_id" character varying(100), "effect_key" character varying(300), "requested_by_id" uuid, "requested_by_name" character varying(200) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "on_timeout" character varying(16) NOT NULL DEFAULT 'fail', "resolved_at" TIMESTAMP WITH TIME ZONE, "response" jsonb, "resumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_decisions_tenant_id_effect_key" UNIQUE ("tenant_id", "effect_key"), CONSTRAINT "pk_decisions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_decisions_tenant_id" ON "decisions"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_decisions_tenant_id_run_id_step_id" ON "decisions"  ("tenant_id", "run_id", "step_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_decisions_state_due_at" ON "decisions"  ("state", "due_at") `);
    await queryRunner.query(
      `ALTER TABLE "decision_comments" ADD CONSTRAINT "fk_decision_comments_decision_id" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_votes" ADD CONSTRAINT "fk_decision_votes_decision_id" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE FUNCTION "decision_history_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'decision_votes' AND OLD.decision_id IS NULL
           AND NEW.user_id = OLD.user_id AND NEW.verdict = OLD.verdict AND NEW.comment IS NOT DISTINCT FROM OLD.comment THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% rows are never changed or deleted (the history of a decision)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "decision_votes_append_only" BEFORE UPDATE OR DELETE ON "decision_votes" FOR EACH ROW EXECUTE FUNCTION "decision_history_is_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "decision_comments_append_only" BEFORE UPDATE OR DELETE ON "decision_comments" FOR EACH ROW EXECUTE FUNCTION "decision_history_is_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "decision_comments_append_only" ON "decision_comments"`);
    await queryRunner.query(`DROP TRIGGER "decision_votes_append_only" ON "decision_votes"`);
    await queryRunner.query(`DROP FUNCTION "decision_history_is_append_only"()`);
    await queryRunner.query(`ALTER TABLE "decision_votes" DROP CONSTRAINT "fk_decision_votes_decision_id"`);
    await queryRunner.query(`ALTER TABLE "decision_comments" DROP CONSTRAINT "fk_decision_comments_decision_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decisions_state_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decisions_tenant_id_run_id_step_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decisions_tenant_id"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_votes_tenant_id_run_id_step_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_votes_decision_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_votes_tenant_id"`);
    await queryRunner.query(`DROP TABLE "decision_votes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_comments_decision_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_comments_tenant_id"`);
    await queryRunner.query(`DROP TABLE "decision_comments"`);
  }
}
