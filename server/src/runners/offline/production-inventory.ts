import type { ComponentFinding, EndpointFinding, HandlerFinding, TransformationFinding } from './analysis.types.js';
import type { FileFacts } from './file-facts.js';
import type { DataTransform, ProductionItem, RoutingRule } from './intersystems-production.js';

/**
 * The inventory's view of InterSystems productions, which are usually split over several class
 * exports: items in the production class, routing rules and transformations in their own. They
 * are linked by name (`TargetConfigNames`, `BusinessRuleName`, a rule's send targets).
 */

export const PRODUCTION_LANGUAGE = 'InterSystems production';

interface Located<T> {
  file: FileFacts;
  value: T;
}

interface Production {
  name: string;
  items: Array<Located<ProductionItem>>;
  rules: Array<Located<RoutingRule>>;
  transforms: Array<Located<DataTransform>>;
  /** Message types each item handles. */
  typesOf: Map<string, string[]>;
}

const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

export function readProduction(files: FileFacts[]): Production | undefined {
  const items = files.flatMap((file) => (file.interSystems?.items ?? []).map((value) => ({ file, value })));
  const rules = files.flatMap((file) => (file.interSystems?.rules ?? []).map((value) => ({ file, value })));
  const transforms = files.flatMap((file) => (file.interSystems?.transforms ?? []).map((value) => ({ file, value })));
  if (items.length === 0 && rules.length === 0 && transforms.length === 0) return undefined;
  const name = files.map((file) => file.interSystems?.productionName).find(Boolean) ?? 'Production';
  const typesOf = new Map<string, string[]>();
  const add = (item: string, types: string[]) => typesOf.set(item, sorted([...(typesOf.get(item) ?? []), ...types]));
  for (const { value: item } of items) {
    if (item.role !== 'router') continue;
    const ruleClass = item.settings['BusinessRuleName'];
    for (const { value: rule } of rules.filter((candidate) => candidate.value.ruleClass === ruleClass)) {
      add(item.name, rule.messageTypes);
      for (const target of rule.targets) add(target, rule.messageTypes);
    }
  }
  // Services carry what the items they pass to carry.
  for (const { value: item } of items) {
    if (item.role === 'listener') for (const target of item.targets) add(item.name, typesOf.get(target) ?? []);
  }
  return { name, items, rules, transforms, typesOf };
}

/** Gives production endpoints the message types of their item. */
export function assignProductionEndpoints(production: Production | undefined, endpoints: EndpointFinding[]): void {
  if (!production) return;
  for (const { file, value: item } of production.items) {
    for (const endpoint of endpoints) {
      if (endpoint.name === item.name && endpoint.evidence.some((evidence) => evidence.file === file.path)) {
        endpoint.messageTypes = sorted([...endpoint.messageTypes, ...(production.typesOf.get(item.name) ?? [])]);
      }
    }
  }
}

function transformTypes(production: Production, className: string): string[] {
  return sorted(
    production.rules
      .filter((rule) => rule.value.transforms.includes(className))
      .flatMap((rule) => rule.value.messageTypes),
  );
}

export function productionComponents(
  production: Production | undefined,
  endpoints: EndpointFinding[],
): ComponentFinding[] {
  if (!production) return [];
  const id = (file: FileFacts, name: string) =>
    `c_${file.path.replace(/[^A-Za-z0-9]+/g, '_')}_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
  const components: ComponentFinding[] = production.items.map(({ file, value: item }) => {
    const ruleClass = item.settings['BusinessRuleName'];
    const rules = production.rules.filter((rule) => rule.value.ruleClass === ruleClass).map((rule) => rule.value.name);
    const passes = item.targets.length > 0 ? ` Passes messages to ${item.targets.join(', ')}.` : '';
    const routes = rules.length > 0 ? ` Rules: ${rules.join('; ')}.` : '';
    return {
      id: id(file, item.name),
      name: item.name,
      file: file.path,
      roles: [item.role],
      language: PRODUCTION_LANGUAGE,
      messageTypes: production.typesOf.get(item.name) ?? [],
      endpoints: endpoints.filter((endpoint) => endpoint.name === item.name).map((endpoint) => endpoint.id),
      summary: `${item.className}.${passes}${routes}`,
      channel: production.name,
    };
  });
  for (const { file, value: transform } of production.transforms) {
    components.push({
      id: id(file, transform.className),
      name: transform.className,
      file: file.path,
      roles: ['mapper'],
      language: PRODUCTION_LANGUAGE,
      messageTypes: transformTypes(production, transform.className),
      endpoints: [],
      summary:
        file.documentation ??
        `Data transformation ${transform.sourceDocType ?? ''} → ${transform.targetDocType ?? ''}.`,
      channel: production.name,
    });
  }
  return components;
}

export function productionHandlers(production: Production | undefined): HandlerFinding[] {
  if (!production) return [];
  return production.rules.map(({ file, value: rule }) => ({
    name: `${rule.ruleClass}: ${rule.name}`,
    file: file.path,
    line: rule.line,
    role: 'router',
    messageTypes: rule.messageTypes,
  }));
}

export function productionTransformations(production: Production | undefined): TransformationFinding[] {
  if (!production) return [];
  return production.transforms.map(({ file, value: transform }) => {
    const types = transformTypes(production, transform.className);
    return {
      name: transform.className,
      file: file.path,
      line: transform.line,
      from: types.length > 0 ? `HL7 v2 ${types.join(', ')}` : docTypeLabel(transform.sourceDocType),
      to: [docTypeLabel(transform.targetDocType)],
      messageTypes: types,
      fieldMappings: transform.assignments.map((assignment) => ({
        from: assignment.from,
        to: assignment.to,
        line: assignment.line,
      })),
    };
  });
}

/** `2.4:ADT_A01` → `HL7 v2.4 ADT_A01`. */
function docTypeLabel(docType: string | undefined): string {
  const [version, structure] = (docType ?? '').split(':');
  if (!structure) return 'HL7 v2';
  return `HL7 v${version ?? '2'} ${structure}`;
}
