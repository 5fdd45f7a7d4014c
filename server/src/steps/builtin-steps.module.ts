import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { HttpRequestStep } from './http-request.step.js';
import { LogStep } from './log.step.js';
import { NotifyStep } from './notify.step.js';
import { SlackWebhook } from './slack-webhook.js';
import { WaitStep } from './wait.step.js';

/**
 * The step types every installation has: `log`, `wait`, `http.request` and `notify`
 * (`approval` and `input` come from ApprovalsModule). Loaded in every role, because workers run
 * the steps and the API checks a runbook's steps before it starts.
 */
@Module({
  imports: [RunsModule, AuditModule],
  providers: [LogStep, WaitStep, HttpRequestStep, NotifyStep, SlackWebhook],
})
export class BuiltinStepsModule implements OnModuleInit {
  constructor(
    private readonly registry: StepHandlerRegistry,
    private readonly log: LogStep,
    private readonly wait: WaitStep,
    private readonly httpRequest: HttpRequestStep,
    private readonly notify: NotifyStep,
  ) {}

  onModuleInit(): void {
    for (const handler of [this.log, this.wait, this.httpRequest, this.notify]) this.registry.register(handler);
  }
}
