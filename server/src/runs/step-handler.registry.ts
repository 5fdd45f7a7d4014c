import { Injectable } from '@nestjs/common';
import type { StepHandler } from './step-handler.js';

/**
 * Maps a step `type` to the handler that runs it. Domain modules register their handlers in
 * `onModuleInit`; the engine looks them up when a step is dispatched. Registering a type twice is
 * a programming error (two modules claiming the same step type), so it throws at start-up.
 */
@Injectable()
export class StepHandlerRegistry {
  private readonly handlers = new Map<string, StepHandler>();

  register(handler: StepHandler): void {
    if (this.handlers.has(handler.type))
      throw new Error(`A handler for step type "${handler.type}" is already registered`);
    this.handlers.set(handler.type, handler);
  }

  get(type: string): StepHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
