import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  INTEGRATION_NAMES,
  type IntegrationName,
  type IntegrationStatusResponse,
  type IntegrationStatusView,
  type ScenarioResponse,
} from '@trustops/contracts';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { SetIntegrationModeDto, SetScenarioDto } from './dto/incident-requests.dto.js';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { MockScenarios } from './integrations/mock/mock-scenarios.js';

/** The settings page's view of incident integrations: each one's mode (which an admin may change per tenant) and health, and the tenant's mock scenario. */
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

  @Put('integrations/:name/mode')
  @RequirePermission('settings:write')
  @AuditAction('incident-integration.mode-changed', { resourceType: 'incident-integration', resourceIdParam: 'name' })
  @ApiOperation({
    summary:
      "Use one integration's mock or live mode for the organisation (null: back to the configured mode); live needs its settings",
  })
  chooseMode(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body() body: SetIntegrationModeDto,
  ): Promise<IntegrationStatusView> {
    if (!isIntegrationName(name)) throw new NotFoundException(`There is no integration called "${name}".`);
    return this.registry.choose({ tenantId: principal.tenantId }, name, body.mode, {
      userId: principal.userId,
      displayName: principal.displayName,
    });
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

function isIntegrationName(name: string): name is IntegrationName {
  return (INTEGRATION_NAMES as readonly string[]).includes(name);
}
