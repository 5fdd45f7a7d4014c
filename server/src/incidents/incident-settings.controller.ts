import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IntegrationStatusResponse, ScenarioResponse } from '@trustops/contracts';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { SetScenarioDto } from './dto/incident-requests.dto.js';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { MockScenarios } from './integrations/mock/mock-scenarios.js';

/** The settings page's view of incident integrations: each one's mode and health, and the tenant's mock scenario. */
@ApiTags('Incidents')
@Controller('api/incidents')
export class IncidentSettingsController {
  constructor(
    private readonly registry: IntegrationRegistry,
    private readonly scenarios: MockScenarios,
  ) {}

  @Get('integrations')
  @RequirePermission('settings:read')
  @ApiOperation({
    summary: 'Each integration (ServiceNow, Jira, Datadog, PagerDuty, AWS, Slack): mock or live, and its health',
  })
  integrations(@CurrentPrincipal() principal: Principal): Promise<IntegrationStatusResponse> {
    return this.registry.status({ tenantId: principal.tenantId });
  }

  @Get('scenario')
  @RequirePermission('settings:read')
  @ApiOperation({ summary: "The tenant's active mock scenario and the scenarios available" })
  scenario(@CurrentPrincipal() principal: Principal): Promise<ScenarioResponse> {
    return this.scenarios.view(principal.tenantId);
  }

  @Put('scenario')
  @RequirePermission('settings:write')
  @AuditAction('incident-scenario.selected', { resourceType: 'incident-scenario' })
  @ApiOperation({ summary: 'Switch the mock integrations of the tenant to another scenario (starting it afresh)' })
  selectScenario(@CurrentPrincipal() principal: Principal, @Body() body: SetScenarioDto): Promise<ScenarioResponse> {
    return this.scenarios.select(principal.tenantId, body.scenario);
  }
}
