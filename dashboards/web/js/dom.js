// Builds DOM from data without ever parsing markup: strings always become text nodes, so crawled
// titles and texts can carry <script>, onerror= or javascript: and stay inert text. Nothing in
// the dashboard assigns innerHTML, outerHTML or insertAdjacentHTML, or calls document.write.

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction']);

/**
 * A URL the dashboard may put in href/src: places on the page ("#hl-3"), its own absolute paths ("/item?id=…") and http(s)
 * URLs. javascript:, data:, vbscript:, protocol-relative ("//evil") and anything unparsable give null.
 */
export function safeUrl(value) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text.startsWith('#')) return text;
  if (text.startsWith('/') && !text.startsWith('//') && !text.startsWith('/\\')) return text;
  return externalUrl(text);
}

/** Only absolute http(s) URLs (links taken from crawled items), else null. */
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
 * h('a', { href, class: 'x', on: { click } }, 'text', child, [more]) — an element with
 * attributes set through setAttribute (URLs checked by safeUrl, never "on…" attributes) and
 * children appended as nodes (strings as text).
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
  return append(element, children);
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** Replaces an element's children. */
export function render(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function $$(selector, root = document) {
  return [...root.querySelectorAll(selector)];
}

/** True when a key press is meant for a form field, not a shortcut. */
export function typingIn(event) {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
