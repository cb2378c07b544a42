// Items keep their source's id ("tin-pho-nui"); the pages show the name the config gives it
// ("Tin Phố Núi"). The names come from /api/sources, which only serve and demo mount (a bare
// API shows ids), and are kept for the browser session: the source list also counts stored
// items, too slow to ask for on every page.
import { api } from './api.js';

const STORAGE_KEY = 'mw-source-names';
/** @type {Map<string, string>} */
const names = new Map();

export async function loadSourceNames() {
  const stored = storedNames() ?? (await fetchNames());
  for (const [id, name] of Object.entries(stored ?? {})) names.set(id, name);
}

/** @returns {Record<string, string> | null} */
function storedNames() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/** @returns {Promise<Record<string, string> | null>} */
async function fetchNames() {
  try {
    const { sources } = await api.get('/api/sources');
    const fetched = Object.fromEntries(sources.filter((source) => source.name).map((source) => [source.id, source.name]));
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fetched));
    return fetched;
  } catch {
    return null;
  }
}

/** @param {string} id */
export function sourceName(id) {
  return names.get(id) ?? id;
}
