import { Injectable } from '@nestjs/common';
import type { IncidentSeverity } from '@trustops/contracts';
import { AppConfig } from '../platform/config/app-config.js';
import type { GatheredEvidence } from './evidence-gatherer.js';
import type { Incident } from './incident.entity.js';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { IntegrationError, type IntegrationCall } from './integrations/providers.js';

const PRIORITY: Record<IncidentSeverity, 1 | 2 | 3 | 4> = { sev1: 1, sev2: 2, sev3: 3, sev4: 4 };

/** Marks the ticket TrustOps filed among an incident's evidence. */
export const FILED_BY_TRUSTOPS = 'filedByTrustOps';

/**
 * Keeps people's tools in step with the incident: files the ServiceNow ticket and acknowledges
 * the pages when work starts, and when it ends resolves the ticket, notes the pages and posts to
 * Slack. All best effort: an unreachable tool is reported, never fatal to the incident.
 */
@Injectable()
export class IncidentCommunications {
  constructor(
    private readonly registry: IntegrationRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Files (or finds, by correlation id) the ticket and acknowledges open pages; returns the ticket as evidence. */
  async open(call: IntegrationCall, incident: Incident): Promise<{ evidence: GatheredEvidence[]; problems: string[] }> {
    const evidence: GatheredEvidence[] = [];
    const problems: string[] = [];
    const { servicenow, pagerduty } = await this.registry.providers(call);
    await this.bestEffort(problems, async () => {
      const ticket = await servicenow.createIncident(call, {
        title: incident.title,
        description: `${incident.description}\n\nReported in TrustOps by ${incident.reportedByName}.`,
        priority: PRIORITY[incident.severity],
        service: incident.service,
        correlationId: incident.id,
      });
      const { integration, key, url, title, status } = ticket;
      evidence.push({
        kind: 'ticket',
        source: 'servicenow',
        title: `Filed ${key}: ${title}`,
        data: { integration, key, url, title, status, [FILED_BY_TRUSTOPS]: true },
      });
    });
    await this.bestEffort(problems, async () => {
      const pages = await pagerduty.listIncidents(call, {
        status: ['triggered'],
        service: incident.service ?? undefined,
      });
      for (const page of pages) await pagerduty.acknowledge(call, page.id, 'TrustOps');
    });
    return { evidence, problems };
  }

  /** Resolves (or updates) the filed ticket, notes the pages and tells the incident channel. */
  async close(
    call: IntegrationCall,
    incident: Incident,
    related: { ticketKey: string | null; pageIds: string[] },
    resolved: boolean,
    note: string,
  ): Promise<string[]> {
    const { ticketKey, pageIds } = related;
    const problems: string[] = [];
    const { servicenow, pagerduty, slack } = await this.registry.providers(call);
    if (ticketKey) {
      await this.bestEffort(problems, () =>
        servicenow.updateIncident(call, ticketKey, {
          status: resolved ? 'resolved' : 'in_progress',
          resolutionNote: note,
        }),
      );
    }
    for (const pageId of pageIds) {
      await this.bestEffort(problems, () => pagerduty.addNote(call, pageId, note));
    }
    await this.bestEffort(problems, () =>
      slack.postMessage(call, { channel: this.config.env.SLACK_INCIDENT_CHANNEL, text: `${incident.title}: ${note}` }),
    );
    return problems;
  }

  private async bestEffort(problems: string[], work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof IntegrationError)) throw error;
      problems.push(`${error.integration}: ${error.message}`);
    }
  }
}
