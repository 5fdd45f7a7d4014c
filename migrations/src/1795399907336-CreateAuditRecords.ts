import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit trail (server/src/audit). The table and indexes are what TypeORM
 * generates from `AuditRecord`; the rest is hand-written because TypeORM does not manage it:
 *
 * - `audit_records_append_only`: a statement trigger refusing UPDATE, DELETE and TRUNCATE.
 * - `audit_append(<columns>, content)`: appends one record to its tenant's hash chain in one call
 *   (one round trip). It takes a per-tenant advisory lock (held to the end of the transaction),
 *   then inserts, reading the tenant's tail with a fresh snapshot: sequence = tail + 1,
 *   previous_hash = tail's hash, hash = SHA-256 of `{"content":<content>,"previousHash":<tail hash>,"sequence":<n>}`,
 *   exactly the text `auditChainText` builds in the server, where `content` is the canonical JSON
 *   of the record's other columns. The unique (tenant_id, sequence) index backs the lock up: a
 *   writer that somehow read a stale tail fails instead of forking the chain.
 * - Where the deployment allows it (the migrating role is not a superuser), UPDATE, DELETE and
 *   TRUNCATE are revoked from the migrating role. The strongest setup runs migrations as the
 *   table's owner and the app as a role granted only INSERT and SELECT on `audit_records`.
 */
export class CreateAuditRecords1795399907336 implements MigrationInterface {
  name = 'CreateAuditRecords1795399907336';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_records" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "sequence" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_user_id" character varying(200), "actor_display_name" character varying(200), "actor_role" character varying(100), "actor_ip" character varying(64), "actor_user_agent" character varying(512), "action" character varying(100) NOT NULL, "resource_type" character varying(100) NOT NULL, "resource_id" character varying(200), "outcome" character varying(16) NOT NULL, "reason" text, "request_id" character varying(128), "before" jsonb, "after" jsonb, "previous_hash" character varying(64), "hash" character varying(64) NOT NULL, CONSTRAINT "pk_audit_records" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_tenant_id_resource_type_resource_id_sequence" ON "audit_records" ("tenant_id", "resource_type", "resource_id", "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_tenant_id_action_sequence" ON "audit_records" ("tenant_id", "action", "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_tenant_id_actor_user_id_sequence" ON "audit_records" ("tenant_id", "actor_user_id", "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_tenant_id_occurred_at" ON "audit_records" ("tenant_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_audit_records_tenant_id_sequence" ON "audit_records" ("tenant_id", "sequence")`,
    );

    await queryRunner.query(`
      CREATE FUNCTION "audit_records_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Audit records are only ever added, through audit_append(); they are never changed or removed.';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_records_append_only"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_records"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_records_refuse_change"()`);

    await queryRunner.query(`
      CREATE FUNCTION "audit_append"(
        p_id uuid, p_tenant_id uuid, p_occurred_at timestamptz, p_actor_type varchar, p_actor_user_id varchar,
        p_actor_display_name varchar, p_actor_role varchar, p_actor_ip varchar, p_actor_user_agent varchar,
        p_action varchar, p_resource_type varchar, p_resource_id varchar, p_outcome varchar, p_reason text,
        p_request_id varchar, p_before jsonb, p_after jsonb, p_content text,
        OUT sequence bigint, OUT previous_hash varchar, OUT hash varchar
      ) LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('audit_records'), hashtext(p_tenant_id::text));
        -- A new statement, so a new snapshot: it sees the append of whoever held the lock before us.
        INSERT INTO "audit_records" AS r (
          "id", "tenant_id", "sequence", "occurred_at", "actor_type", "actor_user_id", "actor_display_name",
          "actor_role", "actor_ip", "actor_user_agent", "action", "resource_type", "resource_id", "outcome",
          "reason", "request_id", "before", "after", "previous_hash", "hash"
        )
        SELECT p_id, p_tenant_id, COALESCE(tail.sequence, 0) + 1, p_occurred_at, p_actor_type, p_actor_user_id,
          p_actor_display_name, p_actor_role, p_actor_ip, p_actor_user_agent, p_action, p_resource_type,
          p_resource_id, p_outcome, p_reason, p_request_id, p_before, p_after, tail.hash,
          encode(sha256(convert_to(
            '{"content":' || p_content
              || ',"previousHash":' || COALESCE('"' || tail.hash || '"', 'null')
              || ',"sequence":' || (COALESCE(tail.sequence, 0) + 1) || '}',
            'UTF8')), 'hex')
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
          SELECT a.sequence, a.hash FROM "audit_records" a
          WHERE a.tenant_id = p_tenant_id
          ORDER BY a.sequence DESC
          LIMIT 1
        ) AS tail ON true
        RETURNING r.sequence, r.previous_hash, r.hash INTO sequence, previous_hash, hash;
      END
      $$`);

    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON "audit_records" FROM %I', current_user);
        END IF;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION "audit_append"(uuid, uuid, timestamptz, varchar, varchar, varchar, varchar, varchar, varchar, varchar, varchar, varchar, varchar, text, varchar, jsonb, jsonb, text)`,
    );
    await queryRunner.query(`DROP TRIGGER "audit_records_append_only" ON "audit_records"`);
    await queryRunner.query(`DROP FUNCTION "audit_records_refuse_change"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_tenant_id_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_tenant_id_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_tenant_id_actor_user_id_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_tenant_id_action_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_tenant_id_resource_type_resource_id_sequence"`);
    await queryRunner.query(`DROP TABLE "audit_records"`);
  }
}
