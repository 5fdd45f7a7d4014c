import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incident integrations: the mode (mock or live) an admin chose per tenant (server/src/incidents/integrations). Never edit it once it has landed. */
export class AddIncidentIntegrationModes1796233126183 implements MigrationInterface {
  name = 'AddIncidentIntegrationModes1796233126183';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_integration_modes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "integration" character varying(20) NOT NULL, "mode" character varying(10) NOT NULL, "chosen_by_user_id" uuid, "chosen_by_name" character varying(200) NOT NULL, CONSTRAINT "pk_incident_integration_modes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_incident_integration_modes_tenant_id" ON "incident_integration_modes"  ("tenant_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_incident_integration_modes_tenant_integration" ON "incident_integration_modes"  ("tenant_id", "integration") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_incident_integration_modes_tenant_integration"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_integration_modes_tenant_id"`);
    await queryRunner.query(`DROP TABLE "incident_integration_modes"`);
  }
}
