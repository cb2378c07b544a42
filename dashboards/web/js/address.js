// The address bar holds a list view's state, so Back/Forward, reloads and shared links work.

/**
 * The address of a list view: the filters that differ from their defaults, the page and page
 * size when not the defaults, then any extra parameters — so shared links stay short and stable.
 * @param {string} path
 * @param {Record<string, any> & { page: number, pageSize: number }} state
 * @param {{ filters: string[], defaults: Record<string, any>, defaultPageSize: number }} view
 * @param {Record<string, unknown>} [extra]
 */
export function listAddress(path, state, { filters, defaults, defaultPageSize }, extra = {}) {
  const params = new URLSearchParams();
  for (const key of filters) {
    if ((state[key] ?? '') !== (defaults[key] ?? '')) params.set(key, state[key] ?? '');
  }
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== defaultPageSize) params.set('pageSize', String(state.pageSize));
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
