import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope, LiveEventMessage } from '@trustops/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import { Run } from './run.entity.js';
import { StepDispatcher, type StepDispatch } from './step-dispatcher.js';
import { StepRun } from './step-run.entity.js';

export type EventActor = EventEnvelope['actor'];

/** Events the engine itself causes (a step finishing, a retry falling due). */
export const ENGINE_ACTOR: EventActor = { type: 'system', userId: null, displayName: 'Runbook engine' };

/**
 * One state change of a run, as a database transaction: rows are locked run first, then steps
 * (the one order every writer uses, so they cannot deadlock); events are appended in the same
 * transaction; steps to dispatch are collected and only enqueued after the commit.
 */
export class RunTransaction {
  readonly events: LiveEventMessage[] = [];
  readonly dispatches: StepDispatch[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly eventsService: EventsService,
  ) {}

  /** The run, locked until the transaction ends; null when it is not in the tenant. */
  lockRun(tenantId: string, runId: string): Promise<Run | null> {
    return this.manager.findOne(Run, { where: { id: runId, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every step of the run (call after `lockRun`: the run's lock guards its steps). */
  steps(runId: string): Promise<StepRun[]> {
    return this.manager.find(StepRun, { where: { runId }, order: { createdAt: 'ASC', stepId: 'ASC' } });
  }

  async emit(
    run: Pick<Run, 'id' | 'tenantId'>,
    type: string,
    payload: Record<string, unknown>,
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    const event = await this.eventsService.append(
      {
        tenantId: run.tenantId,
        stream: { kind: 'run', id: run.id },
        type,
        runId: run.id,
        actor,
        source: 'runs',
        payload,
      },
      this.manager,
    );
    this.events.push(event);
  }

  /** Enqueues the step's current (attempt, dispatch) once the transaction has committed. */
  dispatch(step: StepRun, delayMs = 0): void {
    this.dispatches.push({
      tenantId: step.tenantId,
      runId: step.runId,
      stepId: step.stepId,
      attempt: step.attempt,
      dispatch: step.dispatch,
      delayMs,
    });
  }
}

/** Runs a RunTransaction, then (after the commit) enqueues its dispatches and publishes its events. */
@Injectable()
export class RunTransactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventsService: EventsService,
    private readonly dispatcher: StepDispatcher,
  ) {}

  async run<T>(work: (transaction: RunTransaction) => Promise<T>): Promise<T> {
    let transaction!: RunTransaction;
    const result = await this.dataSource.transaction(async (manager) => {
      transaction = new RunTransaction(manager, this.eventsService);
      return work(transaction);
    });
    // Dispatch first: a lost publish only delays a live view, a lost dispatch is found by recovery.
    if (transaction.dispatches.length > 0) await this.dispatcher.enqueue(transaction.dispatches);
    if (transaction.events.length > 0) await this.eventsService.publish(transaction.events);
    return result;
  }
}
