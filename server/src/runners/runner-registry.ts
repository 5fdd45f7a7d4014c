import { Injectable } from '@nestjs/common';
import type { AgentRunnerName, AgentRunnersResponse } from '@trustops/contracts';
import { AppConfig } from '../platform/config/app-config.js';
import { MODEL_ENGINE_LABELS } from '../platform/status/status.service.js';
import { ClaudeRunner } from './claude/claude-runner.js';
import { OfflineRunner } from './offline-runner.js';
import { RunnerError, type Runner } from './runner.js';
import { DEFAULT_TOOL_LIMITS } from './tools/workspace-tools.js';

/** A model call may stream for a long time; this is per call, the SDK retries on top. */
const MODEL_CALL_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The runners this installation has. `claude` exists only with an API key; the default is the
 * same engine the platform status reports (AppConfig.modelEngine), so the home page and the
 * runs agree.
 */
@Injectable()
export class RunnerRegistry {
  private readonly offline = new OfflineRunner();
  private claude: ClaudeRunner | undefined;

  constructor(private readonly config: AppConfig) {}

  get defaultRunner(): AgentRunnerName {
    return this.config.modelEngine;
  }

  /** The runner called `name` (the default when omitted); a clear error when it is not configured. */
  get(name: AgentRunnerName = this.defaultRunner): Runner {
    if (name === 'offline') return this.offline;
    const apiKey = this.config.env.ANTHROPIC_API_KEY;
    if (!apiKey)
      throw new RunnerError(
        'The claude runner needs ANTHROPIC_API_KEY, which is not set here. Leave the runner out to use the offline engine.',
        false,
      );
    this.claude ??= new ClaudeRunner({
      apiKey,
      baseURL: this.config.env.ANTHROPIC_BASE_URL,
      model: this.config.env.ANTHROPIC_MODEL,
      maxOutputTokens: this.config.env.AGENT_MAX_OUTPUT_TOKENS,
      maxRetries: this.config.env.ANTHROPIC_MAX_RETRIES,
      requestTimeoutMs: MODEL_CALL_TIMEOUT_MS,
      toolLimits: { ...DEFAULT_TOOL_LIMITS, timeoutMs: this.config.env.AGENT_BASH_TIMEOUT_MS },
    });
    return this.claude;
  }

  list(): AgentRunnersResponse {
    const claudeAvailable = Boolean(this.config.env.ANTHROPIC_API_KEY);
    return {
      defaultRunner: this.defaultRunner,
      items: [
        {
          name: 'claude',
          label: MODEL_ENGINE_LABELS.claude,
          available: claudeAvailable,
          model: claudeAvailable ? this.config.env.ANTHROPIC_MODEL : null,
        },
        { name: 'offline', label: MODEL_ENGINE_LABELS.offline, available: true, model: null },
      ],
    };
  }
}
