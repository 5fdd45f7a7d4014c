/**
 * The transcript event types of a question answered in three turns: a text with a tool call,
 * another tool call, then the answer (the shape both runner tests script).
 */
export const TWO_TOOL_CALLS_TRANSCRIPT = [
  'agent.message',
  'agent.usage',
  'agent.message',
  'agent.tool_call',
  'agent.tool_result',
  'agent.usage',
  'agent.tool_call',
  'agent.tool_result',
  'agent.usage',
  'agent.message',
];
