import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs: a version, bumped by every transaction that changes a run or any of its steps, so that a
 * process holding a run's state from its own last commit can write its next change in one
 * round trip, checked by `lock_runs_at_versions` (server/src/runs/run-state-cache.ts). Never
 * edit it once it has landed.
 */
export class AddRunVersions1796277200291 implements MigrationInterface {
  name = 'AddRunVersions1796277200291';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "runs" ADD "version" integer NOT NULL DEFAULT 0`);
    // Locks the runs in id order (the order every writer of several runs locks them in) and
    // fails with serialization_failure (40001) unless each is still at the version given. A row
    // changed while this waited for its lock is checked again at its new version.
    await queryRunner.query(
      `CREATE FUNCTION "lock_runs_at_versions"("run_ids" uuid[], "tenant_ids" uuid[], "versions" integer[]) RETURNS void
       LANGUAGE plpgsql AS $body$
       DECLARE
         "locked" integer;
       BEGIN
         SELECT count(*) INTO "locked" FROM (
           SELECT r."id" FROM "runs" r
             JOIN unnest("run_ids", "tenant_ids", "versions") AS e("id", "tenant_id", "version")
               ON r."id" = e."id" AND r."tenant_id" = e."tenant_id" AND r."version" = e."version"
            ORDER BY r."id"
              FOR UPDATE OF r
         ) AS "rows";
         IF "locked" <> cardinality("run_ids") THEN
           RAISE EXCEPTION 'A run changed since this process last wrote it.' USING ERRCODE = 'serialization_failure';
         END IF;
       END
       $body$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "lock_runs_at_versions"(uuid[], uuid[], integer[])`);
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "version"`);
  }
}
