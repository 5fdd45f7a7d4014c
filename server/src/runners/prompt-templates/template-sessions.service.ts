import { BadRequestException, Injectable } from '@nestjs/common';
import type { AgentSessionRunResponse, StartPromptTemplateSessionRequest } from '@trustops/contracts';
import type { Principal } from '../../rbac/principal.js';
import { AgentSessionsService } from '../sessions/agent-sessions.service.js';
import { PromptTemplatesService } from './prompt-templates.service.js';
import { renderPromptTemplate } from './render-prompt-template.js';

/** The longest first question a session accepts (the same limit as `POST /api/agent-sessions`). */
const MAX_PROMPT_LENGTH = 20_000;

/**
 * Starts a conversation from a prompt template: the template filled with the person's values
 * becomes the first question. Refused, before anything is saved, when a required value is
 * missing, a value names no variable of the template, or the filled-in question is empty or too long.
 */
@Injectable()
export class TemplateSessionsService {
  constructor(
    private readonly templates: PromptTemplatesService,
    private readonly sessions: AgentSessionsService,
  ) {}

  async start(
    principal: Principal,
    key: string,
    request: StartPromptTemplateSessionRequest,
  ): Promise<AgentSessionRunResponse> {
    const template = await this.templates.get(principal, key, request.version);
    // A value of only spaces is no value: the template's default (or the refusal) applies.
    const values = Object.fromEntries(Object.entries(request.values).map(([name, value]) => [name, value.trim()]));
    const filled = renderPromptTemplate(template.body, template.variables, values);
    if (filled.missing.length > 0)
      throw new BadRequestException(
        `Fill in ${quotedList(filled.missing)} first: the template needs a value for each.`,
      );
    if (filled.unused.length > 0)
      throw new BadRequestException(`The template "${template.title}" has no ${quotedList(filled.unused)} to fill in.`);
    const prompt = filled.rendered.trim();
    if (prompt === '') throw new BadRequestException(`The template "${template.title}" gives an empty question.`);
    if (prompt.length > MAX_PROMPT_LENGTH)
      throw new BadRequestException(
        `The filled-in question is ${prompt.length} characters long; the most an agent accepts is ${MAX_PROMPT_LENGTH}.`,
      );
    return this.sessions.create(principal, {
      workspaceId: request.workspaceId,
      prompt,
      title: template.title,
      ...(request.runner ? { runner: request.runner } : {}),
    });
  }
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
function quotedList(names: string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length === 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}
