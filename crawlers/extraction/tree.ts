// Minimal view of a parsed HTML tree (domhandler nodes, as cheerio and crawlee's bundled cheerio
// both produce) and iterative walks over it: pages nested 10,000 levels deep must not overflow
// the call stack, so nothing here recurses.
import { SKIP_TAGS } from './rules.ts';

export interface HtmlNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  parent?: HtmlNode | null;
}

export function isElement(node: HtmlNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function tagOf(node: HtmlNode): string {
  return isElement(node) ? (node.name ?? '').toLowerCase() : '';
}

/** `class` and `id` of an element, the string boilerplate and weight patterns are matched on. */
export function namesOf(node: HtmlNode): string {
  const attribs = node.attribs;
  if (!attribs) return '';
  const cls = attribs.class ?? '';
  const id = attribs.id ?? '';
  return cls && id ? `${cls} ${id}` : cls || id;
}

/** Elements of the subtree in document order (pre-order), skipped tags and their content left out. */
export function* elements(root: HtmlNode): Generator<HtmlNode> {
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node !== root && isElement(node)) {
      if (SKIP_TAGS.has(tagOf(node))) continue;
      yield node;
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Whitespace-collapsed text of a subtree, skipped tags left out. */
export function textOf(root: HtmlNode): string {
  const parts: string[] = [];
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.data ?? '');
    else if (node !== root && isElement(node) && SKIP_TAGS.has(tagOf(node))) continue;
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return collapse(parts.join(''));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Ancestors from the parent up to the root. */
export function* ancestors(node: HtmlNode): Generator<HtmlNode> {
  for (let current = node.parent; current; current = current.parent) yield current;
}

export function contains(ancestor: HtmlNode, node: HtmlNode): boolean {
  for (let current: HtmlNode | null | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
