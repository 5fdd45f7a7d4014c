import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log (server/src/platform/events): `events`, one row per event with a gapless `seq`
 * per (tenant, stream), and `event_stream_heads`, the last `seq` handed out per stream, which
 * EventsService.append bumps in the same statement as the insert.
 */
export class CreateEvents1796222629551 implements MigrationInterface {
  name = 'CreateEvents1796222629551';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "events" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "stream" character varying(100) NOT NULL, "seq" bigint NOT NULL, "type" character varying(100) NOT NULL, "run_id" uuid, "incident_id" uuid, "batch_id" uuid, "actor" jsonb NOT NULL, "source" character varying(50) NOT NULL, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "pk_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_events_tenant_id_stream_seq" ON "events" ("tenant_id", "stream", "seq")`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_stream_heads" ("tenant_id" uuid NOT NULL, "stream" character varying(100) NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "pk_event_stream_heads" PRIMARY KEY ("tenant_id", "stream"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_stream_heads"`);
    await queryRunner.query(`DROP INDEX "public"."ix_events_tenant_id_stream_seq"`);
    await queryRunner.query(`DROP TABLE "events"`);
  }
}
