/**
 * Mirth Connect (NextGen Connect) channel exports: XML with a source connector (listener, filter,
 * transformer) and destination connectors. Read by line so that every part keeps its line range,
 * which is how endpoints, message types and mappings found by the generic scanners are tied to
 * the part of the channel they are in.
 */

export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface ChannelStage extends LineRange {
  /** Names of the rules or steps (`<name>` of each element). */
  steps: string[];
}

export interface ChannelConnector extends LineRange {
  name: string;
  /** `TCP Listener`, `HTTP Sender`, `File Writer`, `Database Writer`, ... */
  transport: string;
  filter?: ChannelStage;
  transformer?: ChannelStage & { outboundDataType?: string };
}

export interface MirthChannel extends LineRange {
  name: string;
  description?: string;
  source: ChannelConnector;
  destinations: ChannelConnector[];
}

export function looksLikeMirthChannel(text: string): boolean {
  return /<channel[\s>]/.test(text) && /<sourceConnector[\s>]/.test(text);
}

const tagText = (line: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(line)?.[1]?.trim();

export function readMirthChannels(lines: readonly string[]): MirthChannel[] {
  const channels: MirthChannel[] = [];
  let index = 0;
  while (index < lines.length) {
    if (!/<channel[\s>]/.test(lines[index] ?? '')) {
      index += 1;
      continue;
    }
    const startLine = index + 1;
    const endLine = findClosing(lines, index, 'channel');
    const channel = readChannel(lines, startLine, endLine);
    if (channel) channels.push(channel);
    index = endLine;
  }
  return channels;
}

function readChannel(lines: readonly string[], startLine: number, endLine: number): MirthChannel | undefined {
  let name: string | undefined;
  let description: string | undefined;
  let source: ChannelConnector | undefined;
  const destinations: ChannelConnector[] = [];
  for (let index = startLine; index < endLine; index += 1) {
    const line = lines[index] ?? '';
    if (/<sourceConnector[\s>]/.test(line)) {
      const end = findClosing(lines, index, 'sourceConnector');
      source = readConnector(lines, index + 1, end, 'Source');
      index = end - 1;
    } else if (/<connector[\s>]/.test(line)) {
      const end = findClosing(lines, index, 'connector');
      destinations.push(readConnector(lines, index + 1, end, `Destination ${destinations.length + 1}`));
      index = end - 1;
    } else if (!source && name === undefined && tagText(line, 'name') !== undefined) {
      name = tagText(line, 'name');
    } else if (!source && description === undefined && tagText(line, 'description') !== undefined) {
      description = tagText(line, 'description');
    }
  }
  if (!source) return undefined;
  return {
    name: name || 'Unnamed channel',
    ...(description ? { description } : {}),
    startLine,
    endLine,
    source,
    destinations,
  };
}

function readConnector(
  lines: readonly string[],
  startLine: number,
  endLine: number,
  fallbackName: string,
): ChannelConnector {
  let name: string | undefined;
  let transport = 'connector';
  let filter: ChannelStage | undefined;
  let transformer: (ChannelStage & { outboundDataType?: string }) | undefined;
  for (let index = startLine; index < endLine; index += 1) {
    const line = lines[index] ?? '';
    if (/<filter[\s>]/.test(line) && !/<filter[^>]*\/>/.test(line)) {
      const end = findClosing(lines, index, 'filter');
      filter = readStage(lines, index + 1, end);
      index = end - 1;
    } else if (/<transformer[\s>]/.test(line) && !/<transformer[^>]*\/>/.test(line)) {
      const end = findClosing(lines, index, 'transformer');
      const stage = readStage(lines, index + 1, end);
      const outbound = lines
        .slice(index, end)
        .map((text) => tagText(text, 'outboundDataType'))
        .find(Boolean);
      transformer = { ...stage, ...(outbound ? { outboundDataType: outbound } : {}) };
      index = end - 1;
    } else if (name === undefined && tagText(line, 'name') !== undefined) {
      name = tagText(line, 'name');
    } else if (tagText(line, 'transportName') !== undefined) {
      transport = tagText(line, 'transportName') ?? transport;
    }
  }
  const shownName = !name || name === 'sourceConnector' ? fallbackName : name;
  return {
    name: shownName,
    transport,
    startLine,
    endLine,
    ...(filter?.steps.length ? { filter } : {}),
    ...(transformer?.steps.length ? { transformer } : {}),
  };
}

function readStage(lines: readonly string[], startLine: number, endLine: number): ChannelStage {
  const steps: string[] = [];
  for (let index = startLine - 1; index < endLine; index += 1) {
    const stepName = tagText(lines[index] ?? '', 'name');
    if (stepName) steps.push(stepName);
  }
  return { startLine, endLine, steps };
}

/** The 1-based line of the tag that closes the one opened on `openIndex` (0-based), counting nesting. */
function findClosing(lines: readonly string[], openIndex: number, tag: string): number {
  let depth = 0;
  const open = new RegExp(`<${tag}(\\s[^>]*)?>`, 'g');
  const selfClosing = new RegExp(`<${tag}(\\s[^>]*)?/>`, 'g');
  const close = new RegExp(`</${tag}>`, 'g');
  for (let index = openIndex; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    depth +=
      (line.match(open)?.length ?? 0) - (line.match(selfClosing)?.length ?? 0) - (line.match(close)?.length ?? 0);
    if (depth <= 0) return index + 1;
  }
  return lines.length;
}
