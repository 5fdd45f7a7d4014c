import type { ComponentFinding, ComponentRole, EndpointFinding, MessageFlow } from './analysis.types.js';
import { PRODUCTION_LANGUAGE } from './production-inventory.js';
import { kindsOfName } from './roles.js';

/** The order messages pass through an integration engine's parts. */
const STAGES: ComponentRole[] = ['listener', 'parser', 'validator', 'handler', 'mapper', 'router', 'sender'];
/** Stages every message passes through, even when the code does not name the type there. */
const SHARED_STAGES = new Set<ComponentRole>(['listener', 'parser', 'validator']);

/**
 * For each message type: where it arrives (inbound endpoints that say they accept it, or every
 * inbound MLLP/TCP listener when none says), which components handle it in stage order, and
 * which endpoints it is delivered to.
 */
export function buildFlows(
  messageTypes: string[],
  components: ComponentFinding[],
  endpoints: EndpointFinding[],
): MessageFlow[] {
  const inbound = endpoints.filter((endpoint) => endpoint.direction === 'inbound');
  const typedInbound = inbound.filter((endpoint) => endpoint.messageTypes.length > 0);
  const defaultSources =
    typedInbound.length > 0 ? [] : inbound.filter((endpoint) => endpoint.kind === 'mllp' || endpoint.kind === 'tcp');
  const code = components.filter((component) => !component.roles.includes('configuration'));
  return messageTypes.map((messageType) => {
    const sources = [
      ...typedInbound.filter((endpoint) => endpoint.messageTypes.includes(messageType)),
      ...defaultSources,
    ];
    const destinations = endpoints.filter(
      (endpoint) => endpoint.direction !== 'inbound' && endpoint.messageTypes.includes(messageType),
    );
    const destinationKinds = new Set(destinations.map((endpoint) => endpoint.kind));
    const stages = stagesFor(messageType, code, destinationKinds);
    return {
      messageType,
      sources: sources.map((endpoint) => endpoint.id),
      components: stages.flat().map((component) => component.id),
      destinations: destinations.map((endpoint) => endpoint.id),
    };
  });
}

function stagesFor(
  messageType: string,
  components: ComponentFinding[],
  destinationKinds: ReadonlySet<string>,
): ComponentFinding[][] {
  const handlesType = (component: ComponentFinding) => component.messageTypes.includes(messageType);
  return STAGES.map((stage) =>
    components.filter((component) => {
      if (component.roles[0] !== stage) return false;
      // A channel's parts only carry what the channel accepts.
      if (component.channel !== undefined) return handlesType(component);
      if (SHARED_STAGES.has(stage)) return true;
      if (stage === 'sender') {
        const kinds = kindsOfName(component.name);
        return kinds.length > 0 ? kinds.some((kind) => destinationKinds.has(kind)) : handlesType(component);
      }
      return handlesType(component);
    }),
  )
    .map((stage) => stage.sort((a, b) => b.messageTypes.length - a.messageTypes.length || a.file.localeCompare(b.file)))
    .filter((stage) => stage.length > 0)
    .sort((a, b) => stageRank(a) - stageRank(b));
}

/** In an InterSystems production the routing engine picks the transformation: it comes first. */
function stageRank(stage: ComponentFinding[]): number {
  const role = stage[0]?.roles[0] ?? 'other';
  const rank = STAGES.indexOf(role);
  return role === 'router' && stage.every((component) => component.language === PRODUCTION_LANGUAGE)
    ? STAGES.indexOf('mapper') - 0.5
    : rank;
}

/** Stages of a flow again, for drawing (grouped by the components' primary role). */
function stageGroups(flow: MessageFlow, components: Map<string, ComponentFinding>): string[][] {
  const groups: string[][] = [];
  let currentRole: ComponentRole | undefined;
  for (const id of flow.components) {
    const role = components.get(id)?.roles[0];
    // Handlers run one after another (a dispatcher, then the handler for the type).
    if (role !== currentRole || role === 'handler' || groups.length === 0) {
      groups.push([]);
      currentRole = role;
    }
    groups[groups.length - 1]?.push(id);
  }
  return groups;
}

const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

/** Mermaid `flowchart LR` of every flow: endpoints at the edges, components in between. */
export function flowDiagram(
  flows: MessageFlow[],
  components: ComponentFinding[],
  endpoints: EndpointFinding[],
): string {
  const componentById = new Map(components.map((component) => [component.id, component]));
  const endpointById = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const nodeIds = new Map<string, string>();
  const nodeId = (id: string) => {
    let found = nodeIds.get(id);
    if (!found) {
      found = `n${nodeIds.size + 1}`;
      nodeIds.set(id, found);
    }
    return found;
  };
  const edges = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string, type?: string) => {
    const key = `${from}->${to}`;
    const types = edges.get(key) ?? new Set<string>();
    if (type) types.add(type);
    edges.set(key, types);
  };
  for (const flow of flows) {
    const groups = stageGroups(flow, componentById);
    const first = groups[0] ?? [];
    const last = groups[groups.length - 1] ?? [];
    for (const source of flow.sources) for (const target of first) addEdge(source, target, flow.messageType);
    for (let index = 0; index < groups.length - 1; index += 1) {
      for (const from of groups[index] ?? []) for (const to of groups[index + 1] ?? []) addEdge(from, to);
    }
    for (const destination of flow.destinations) {
      // Deliver from the sender whose name matches the destination's kind when there is one.
      const matching = last.filter((id) => {
        const component = componentById.get(id);
        if (component && component.endpoints.length > 0) return component.endpoints.includes(destination);
        const kinds = kindsOfName(component?.name ?? '');
        return kinds.length === 0 || kinds.includes(endpointById.get(destination)?.kind ?? 'tcp');
      });
      for (const from of matching.length > 0 ? matching : last) addEdge(from, destination, flow.messageType);
      if (last.length === 0) for (const source of flow.sources) addEdge(source, destination, flow.messageType);
    }
  }
  const lines = ['flowchart LR'];
  const used = new Set([...edges.keys()].flatMap((key) => key.split('->')));
  for (const flow of flows) for (const id of [...flow.sources, ...flow.destinations]) used.add(id);
  for (const id of used) {
    const endpoint = endpointById.get(id);
    const component = componentById.get(id);
    if (endpoint) {
      const text = `${endpoint.name ? `${endpoint.name}<br/>` : ''}${endpoint.address}`;
      lines.push(
        endpoint.kind === 'queue' || endpoint.kind === 'database'
          ? `  ${nodeId(id)}[(${label(text)})]`
          : `  ${nodeId(id)}([${label(text)}])`,
      );
    } else if (component) {
      lines.push(`  ${nodeId(id)}[${label(`${component.name}<br/>${component.roles[0] ?? ''}`)}]`);
    }
  }
  for (const [key, types] of edges) {
    const [from = '', to = ''] = key.split('->');
    if (!nodeIds.has(from) || !nodeIds.has(to)) continue;
    lines.push(
      types.size > 0
        ? `  ${nodeId(from)} -->|${label([...types].sort().join(', '))}| ${nodeId(to)}`
        : `  ${nodeId(from)} --> ${nodeId(to)}`,
    );
  }
  const inboundIds = [...used].filter((id) => endpointById.get(id)?.direction === 'inbound').map(nodeId);
  const outboundIds = [...used]
    .filter((id) => endpointById.has(id) && endpointById.get(id)?.direction !== 'inbound')
    .map(nodeId);
  lines.push('  classDef inbound fill:#e8f1fb,stroke:#005eb8;', '  classDef outbound fill:#e6f4ea,stroke:#007f3b;');
  if (inboundIds.length > 0) lines.push(`  class ${inboundIds.join(',')} inbound;`);
  if (outboundIds.length > 0) lines.push(`  class ${outboundIds.join(',')} outbound;`);
  return lines.join('\n');
}
