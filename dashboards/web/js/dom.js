// Builds DOM from data without ever parsing markup: strings always become text nodes, so crawled
// titles and texts can carry <script>, onerror= or javascript: and stay inert text. Nothing in
// the dashboard assigns innerHTML, outerHTML or insertAdjacentHTML, or calls document.write.

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction']);

/**
 * A URL the dashboard may put in href/src: places on the page ("#hl-3"), its own absolute paths ("/item?id=…") and http(s)
 * URLs. javascript:, data:, vbscript:, protocol-relative ("//evil") and anything unparsable give null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function safeUrl(value) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text.startsWith('#')) return text;
  if (text.startsWith('/') && !text.startsWith('//') && !text.startsWith('/\\')) return text;
  return externalUrl(text);
}

/**
 * Only absolute http(s) URLs (links taken from crawled items), else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function externalUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * What h() and append() take as children: nodes, text (anything else becomes its string), and lists
 * of those; null, undefined, false and '' are left out.
 * @typedef {Node | string | number | boolean | null | undefined | any[]} Child
 */

/**
 * h('a', { href, class: 'x', on: { click } }, 'text', child, [more]) — an element with
 * attributes set through setAttribute (URLs checked by safeUrl, never "on…" attributes) and
 * children appended as nodes (strings as text).
 * @template {string} K
 * @param {K} tag
 * @param {Record<string, any> | null} props
 * @param {...Child} children
 * @returns {K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement}
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') for (const [name, data] of Object.entries(value)) element.dataset[name] = String(data);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (/^on/i.test(key)) throw new Error(`h(): event handlers go in "on", not the attribute ${key}`);
    else if (URL_ATTRIBUTES.has(key.toLowerCase())) {
      const url = safeUrl(value);
      if (url) element.setAttribute(key, url);
    } else if (typeof value === 'boolean' || typeof value === 'number') {
      if (key in element) element[key] = value;
      else element.setAttribute(key, value === true ? '' : String(value));
    } else element.setAttribute(key, String(value));
  }
  return /** @type {any} */ (append(element, children));
}

/**
 * @template {Node & ParentNode} T
 * @param {T} parent
 * @param {Child} children
 * @returns {T}
 */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * @template {Element} T
 * @param {T} element
 * @returns {T}
 */
export function clear(element) {
  element.replaceChildren();
  return element;
}

/**
 * Replaces an element's children.
 * @template {Element} T
 * @param {T} element
 * @param {...Child} children
 * @returns {T}
 */
export function render(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/**
 * The first element matching `selector`. Typed `any`: each page knows the markup it queries
 * (inputs, forms, canvases), and null only where a page is not the one it was written for.
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {any}
 */
export function $(selector, root = document) {
  return root.querySelector(selector);
}

/**
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {any[]}
 */
export function $$(selector, root = document) {
  return [...root.querySelectorAll(selector)];
}

/**
 * True when a key press is meant for a form field, not a shortcut.
 * @param {Event} event
 */
export function typingIn(event) {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
