import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActorSummary, IntegrationMode, IntegrationName } from '@trustops/contracts';
import type { Repository } from 'typeorm';
import { IntegrationModeChoice } from './integration-mode-choice.entity.js';

/** The modes admins chose per tenant on the settings page (`incident_integration_modes`). */
@Injectable()
export class IntegrationModeChoices {
  constructor(@InjectRepository(IntegrationModeChoice) private readonly choices: Repository<IntegrationModeChoice>) {}

  async ofTenant(tenantId: string): Promise<ReadonlyMap<IntegrationName, IntegrationModeChoice>> {
    const rows = await this.choices.find({ where: { tenantId } });
    return new Map(rows.map((row) => [row.integration, row]));
  }

  /** Chooses `mode` for the tenant; null forgets the choice, so configuration decides again. */
  async choose(
    tenantId: string,
    integration: IntegrationName,
    mode: IntegrationMode | null,
    by: ActorSummary,
  ): Promise<void> {
    if (mode === null) {
      await this.choices.delete({ tenantId, integration });
      return;
    }
    await this.choices.upsert(
      { tenantId, integration, mode, chosenByUserId: by.userId, chosenByName: by.displayName, updatedAt: new Date() },
      { conflictPaths: ['tenantId', 'integration'] },
    );
  }
}
