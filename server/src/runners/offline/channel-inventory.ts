import type {
  ComponentFinding,
  ComponentRole,
  EndpointFinding,
  FieldMapping,
  HandlerFinding,
  TransformationFinding,
} from './analysis.types.js';
import type { FileFacts } from './file-facts.js';
import type { ChannelConnector, LineRange, MirthChannel } from './mirth-channels.js';
import { targetKeyBefore } from './source-patterns.js';

/** The inventory's view of Mirth channel exports: each channel's parts as components. */

const within = (range: LineRange, line: number) => line >= range.startLine && line <= range.endLine;
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

function typesIn(file: FileFacts, range: LineRange, knownTypes: ReadonlySet<string>): string[] {
  return sorted(
    file.messageCodes.filter((hit) => within(range, hit.line) && knownTypes.has(hit.code)).map((hit) => hit.code),
  );
}

/** What a channel accepts (its source filter, else anything it mentions) and what each destination passes on. */
function channelTypes(
  file: FileFacts,
  channel: MirthChannel,
  knownTypes: ReadonlySet<string>,
): { accepted: string[]; byDestination: string[][] } {
  const filtered = channel.source.filter ? typesIn(file, channel.source.filter, knownTypes) : [];
  const accepted = filtered.length > 0 ? filtered : typesIn(file, channel, knownTypes);
  const byDestination = channel.destinations.map((destination) => {
    const own = destination.filter ? typesIn(file, destination.filter, knownTypes) : [];
    return own.length > 0 ? accepted.filter((code) => own.includes(code)) : accepted;
  });
  return { accepted, byDestination };
}

const endpointsIn = (file: FileFacts, range: LineRange, endpoints: EndpointFinding[]) =>
  endpoints.filter((endpoint) =>
    endpoint.evidence.some((evidence) => evidence.file === file.path && within(range, evidence.line)),
  );

/** Gives channel endpoints the channel's message types and the connector's name. */
export function assignChannelEndpoints(
  files: FileFacts[],
  endpoints: EndpointFinding[],
  knownTypes: ReadonlySet<string>,
): void {
  for (const file of files) {
    for (const channel of file.channels) {
      const { accepted, byDestination } = channelTypes(file, channel, knownTypes);
      for (const endpoint of endpointsIn(file, channel.source, endpoints)) {
        endpoint.messageTypes = sorted([...endpoint.messageTypes, ...accepted]);
        endpoint.name ??= channel.name;
      }
      channel.destinations.forEach((destination, index) => {
        for (const endpoint of endpointsIn(file, destination, endpoints)) {
          endpoint.messageTypes = sorted([...endpoint.messageTypes, ...(byDestination[index] ?? [])]);
          if (!endpoint.name || endpoint.name === 'host') endpoint.name = destination.name;
        }
      });
    }
  }
}

const idOf = (file: FileFacts, channelIndex: number, part: string) =>
  `c_${file.path.replace(/[^A-Za-z0-9]+/g, '_')}_${channelIndex}_${part}`;

export function channelComponents(
  file: FileFacts,
  endpoints: EndpointFinding[],
  knownTypes: ReadonlySet<string>,
): ComponentFinding[] {
  const components: ComponentFinding[] = [];
  file.channels.forEach((channel, channelIndex) => {
    const { accepted, byDestination } = channelTypes(file, channel, knownTypes);
    const part = (
      id: string,
      name: string,
      role: ComponentRole,
      range: LineRange,
      messageTypes: string[],
      summary: string,
    ): ComponentFinding => ({
      id: idOf(file, channelIndex, id),
      name: `${channel.name}: ${name}`,
      file: file.path,
      roles: [role],
      language: 'Mirth channel',
      messageTypes,
      endpoints: endpointsIn(file, range, endpoints).map((endpoint) => endpoint.id),
      summary,
      channel: channel.name,
    });
    const source = channel.source;
    const sourceEndpoints = endpointsIn(file, source, endpoints).map((endpoint) => endpoint.address);
    components.push(
      part(
        'source',
        source.transport,
        'listener',
        { startLine: source.startLine, endLine: (source.filter ?? source.transformer ?? source).startLine },
        accepted,
        `${channel.description ?? `Channel ${channel.name}`}${sourceEndpoints.length > 0 ? ` Listens on ${sourceEndpoints.join(', ')}.` : ''}`,
      ),
    );
    if (source.filter)
      components.push(
        part(
          'filter',
          'filter',
          'validator',
          source.filter,
          accepted,
          `Lets through only: ${source.filter.steps.join('; ')}.`,
        ),
      );
    if (source.transformer) {
      components.push(
        part(
          'transformer',
          'transformer',
          'mapper',
          source.transformer,
          accepted,
          `Transformer steps: ${source.transformer.steps.join('; ')}${source.transformer.outboundDataType ? `; produces ${source.transformer.outboundDataType}` : ''}.`,
        ),
      );
    }
    channel.destinations.forEach((destination, index) => {
      const addresses = endpointsIn(file, destination, endpoints).map((endpoint) => endpoint.address);
      const filterNote = destination.filter ? ` Only when: ${destination.filter.steps.join('; ')}.` : '';
      components.push(
        part(
          `destination${index + 1}`,
          destination.name,
          'sender',
          destination,
          byDestination[index] ?? [],
          `${destination.transport}${addresses.length > 0 ? ` to ${addresses.join(', ')}` : ''}.${filterNote}`,
        ),
      );
    });
  });
  return components;
}

export function channelHandlers(file: FileFacts, knownTypes: ReadonlySet<string>): HandlerFinding[] {
  return file.channels.flatMap((channel) => {
    const { accepted } = channelTypes(file, channel, knownTypes);
    const stages: Array<[string, ComponentRole, LineRange | undefined]> = [
      ['filter', 'validator', channel.source.filter],
      ['transformer', 'mapper', channel.source.transformer],
    ];
    return stages
      .filter((stage): stage is [string, ComponentRole, LineRange] => stage[2] !== undefined)
      .map(([name, role, range]) => ({
        name: `${channel.name}: ${name}`,
        file: file.path,
        line: range.startLine,
        role,
        messageTypes: accepted,
      }));
  });
}

const DATA_TYPES: Record<string, string> = {
  JSON: 'JSON',
  XML: 'XML',
  HL7V2: 'HL7 v2',
  HL7V3: 'HL7 v3',
  DELIMITED: 'CSV',
  FHIR: 'FHIR',
  NCPDP: 'NCPDP',
  EDI: 'X12',
};

export function channelTransformations(file: FileFacts, knownTypes: ReadonlySet<string>): TransformationFinding[] {
  const transformations: TransformationFinding[] = [];
  for (const channel of file.channels) {
    const stages: Array<[ChannelConnector, string]> = [[channel.source, `${channel.name}: transformer`]];
    for (const destination of channel.destinations)
      stages.push([destination, `${channel.name} → ${destination.name}: transformer`]);
    for (const [connector, name] of stages) {
      const transformer = connector.transformer;
      if (!transformer) continue;
      const fieldMappings: FieldMapping[] = [];
      for (const reference of file.fieldReferences.filter((item) => within(transformer, item.line))) {
        const text = file.lines[reference.line - 1] ?? '';
        // A mapper step names its variable on a line of its own just above the mapping.
        const variable = /<mapping>/.test(text)
          ? file.lines
              .slice(Math.max(0, reference.line - 6), reference.line - 1)
              .map((line) => /<variable>([^<]+)<\/variable>/.exec(line)?.[1])
              .filter(Boolean)
              .pop()
          : undefined;
        const to = variable ?? targetKeyBefore(text, reference.column);
        if (!to) continue;
        const from = `${reference.segment}-${reference.field}${reference.component ? `.${reference.component}` : ''}`;
        if (!fieldMappings.some((mapping) => mapping.from === from && mapping.to === to))
          fieldMappings.push({ from, to, line: reference.line });
      }
      const output =
        DATA_TYPES[transformer.outboundDataType ?? ''] ?? transformer.outboundDataType ?? 'downstream format';
      const types = channelTypes(file, channel, knownTypes).accepted;
      transformations.push({
        name,
        file: file.path,
        line: transformer.startLine,
        from: types.length > 0 ? `HL7 v2 ${types.join(', ')}` : 'HL7 v2',
        to: [output === 'HL7 v2' && fieldMappings.length > 0 ? 'channel variables for the destinations' : output],
        messageTypes: types,
        fieldMappings,
      });
    }
  }
  return transformations;
}
