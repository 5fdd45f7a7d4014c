/**
 * Just enough XML for AWS's Query and REST-XML answers (EC2, Auto Scaling, STS, CloudFront):
 * elements, text and entities; attributes, comments and declarations are skipped. No DTDs,
 * so no entity expansion to worry about.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([\w:.-]+)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (const match of xml.matchAll(tag)) {
    const [, closing, name, selfClosing, cdata, text] = match;
    const current = stack[stack.length - 1];
    if (text !== undefined) current.text += decode(text);
    else if (cdata !== undefined) current.text += cdata;
    else if (!name) continue;
    else if (closing) {
      if (stack.length > 1) stack.pop();
    } else {
      const element: XmlElement = { name: name.replace(/^\w+:/, ''), children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  return root;
}

/** The first descendant reached by following child names, e.g. `find(doc, 'Errors', 'Error', 'Code')`. */
export function find(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.find((child) => child.name === name);
  return current;
}

/** The trimmed text at a path, or undefined. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  const found = find(element, ...path);
  return found ? found.text.trim() : undefined;
}

/** The `<item>` (or `<member>`) children of the element at a path: AWS's lists. */
export function itemsAt(element: XmlElement | undefined, ...path: string[]): XmlElement[] {
  return (find(element, ...path)?.children ?? []).filter((child) => child.name === 'item' || child.name === 'member');
}

/** Anywhere below: the first element with this name (AWS wraps answers differently per service). */
export function findDeep(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) return child;
    const found = findDeep(child, name);
    if (found) return found;
  }
  return undefined;
}
