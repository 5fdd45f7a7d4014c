import { BadRequestException, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ScenarioResponse } from '@trustops/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../../platform/config/app-config.js';
import { IncidentMockState } from './mock-state.entity.js';
import { loadScenarioFixtures, type ScenarioFixture } from './scenario-fixture.js';

/** A tenant's active scenario and what the mocks have done to it so far. */
export interface MockWorld {
  fixture: ScenarioFixture;
  state: IncidentMockState;
  /** The scenario's resolution has been carried out: metrics recover, alerts resolve. */
  fixed: boolean;
  /** When the resolution ran (metrics recover one point per `MOCK_RECOVERY_STEP_MS` from then). */
  fixedAt: Date | null;
}

/**
 * The scenario fixtures and each tenant's mock state (one row per tenant, created on first use
 * with `INCIDENT_DEFAULT_SCENARIO`). Changes go through `change`, which locks the row, so two
 * workers acting on the same tenant's mocks never lose each other's writes.
 */
@Injectable()
export class MockScenarios implements OnModuleInit {
  private fixtures = new Map<string, ScenarioFixture>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.fixtures = new Map((await loadScenarioFixtures()).map((fixture) => [fixture.id, fixture]));
  }

  all(): ScenarioFixture[] {
    return [...this.fixtures.values()];
  }

  fixture(id: string): ScenarioFixture {
    const fixture = this.fixtures.get(id);
    if (!fixture) {
      throw new BadRequestException(
        `There is no scenario called "${id}". Choose one of: ${[...this.fixtures.keys()].join(', ')}.`,
      );
    }
    return fixture;
  }

  async view(tenantId: string): Promise<ScenarioResponse> {
    const world = await this.world(tenantId);
    return {
      active: world.fixture.id,
      scenarios: this.all().map(({ id, title, description, sampleReport }) => ({
        id,
        title,
        description,
        sampleReport,
      })),
    };
  }

  async world(tenantId: string): Promise<MockWorld> {
    const state = await this.ensure(this.dataSource.manager, tenantId);
    return this.worldOf(state);
  }

  /** Switches the tenant to `scenario`, forgetting everything done to the previous one. */
  async select(tenantId: string, scenario: string): Promise<ScenarioResponse> {
    this.fixture(scenario);
    await this.change(tenantId, (state) => {
      state.scenario = scenario;
      state.appliedActions = [];
      state.tickets = [];
      state.messages = [];
      state.pager = {};
    });
    return this.view(tenantId);
  }

  /** Applies `mutate` to the tenant's state under a row lock and saves it; returns `mutate`'s result. */
  async change<T>(tenantId: string, mutate: (state: IncidentMockState, world: MockWorld) => T): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.ensure(manager, tenantId);
      const state = await manager.findOneOrFail(IncidentMockState, {
        where: { tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      const result = mutate(state, this.worldOf(state));
      await manager.save(state);
      return result;
    });
  }

  private worldOf(state: IncidentMockState): MockWorld {
    const fixture = this.fixtures.get(state.scenario) ?? this.fixture(this.config.env.INCIDENT_DEFAULT_SCENARIO);
    const resolution = state.appliedActions.find(
      (action) => action.operation === fixture.resolution.operation && action.target === fixture.resolution.target,
    );
    return {
      fixture,
      state,
      fixed: resolution !== undefined,
      fixedAt: resolution ? new Date(resolution.completedAt) : null,
    };
  }

  private async ensure(manager: EntityManager, tenantId: string): Promise<IncidentMockState> {
    const existing = await manager.findOne(IncidentMockState, { where: { tenantId } });
    if (existing) return existing;
    await manager
      .createQueryBuilder()
      .insert()
      .into(IncidentMockState)
      .values({ tenantId, scenario: this.config.env.INCIDENT_DEFAULT_SCENARIO })
      .orIgnore()
      .execute();
    return manager.findOneOrFail(IncidentMockState, { where: { tenantId } });
  }
}
