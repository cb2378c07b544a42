import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** One entry of the official-facts sheet (config `officialFacts`), as a response cites it. */
export interface OfficialFact {
  id: string;
  statement: string;
  source?: string;
  date?: string;
  topic?: string;
}

export interface FactSource {
  list(): OfficialFact[];
  get(id: string): OfficialFact | undefined;
}

/** Accepts a list of facts or `{ facts: [...] }`, in YAML or JSON; entries need an id and a statement. */
export function parseOfficialFacts(raw: unknown, where: string): OfficialFact[] {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { facts?: unknown }).facts)
      ? (raw as { facts: unknown[] }).facts
      : null;
  if (!list) throw new Error(`${where}: expected a list of facts (or "facts: [...]")`);
  return list.map((entry, index) => {
    const fact = entry as Record<string, unknown>;
    const statement = fact.statement ?? fact.text;
    if (typeof fact.id !== 'string' || !fact.id || typeof statement !== 'string') {
      throw new Error(`${where}: fact ${index + 1} needs an "id" and a "statement"`);
    }
    const optional = (key: string) => (typeof fact[key] === 'string' ? (fact[key] as string) : undefined);
    return { id: fact.id, statement, source: optional('source'), date: optional('date'), topic: optional('topic') };
  });
}

export function staticFacts(facts: OfficialFact[]): FactSource {
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  return { list: () => [...facts], get: (id) => byId.get(id) };
}

/**
 * The facts sheet on disk, re-read when the file changes (the office edits it during an event).
 * A missing or broken file yields no facts; `onError` hears why.
 */
export function factsFromFile(path: string, onError?: (error: Error) => void): FactSource {
  let cached: { mtimeMs: number; facts: FactSource } | null = null;
  let reported = '';
  const current = (): FactSource => {
    try {
      const { mtimeMs } = statSync(path);
      if (cached?.mtimeMs !== mtimeMs) {
        cached = { mtimeMs, facts: staticFacts(parseOfficialFacts(parseYaml(readFileSync(path, 'utf8')), path)) };
      }
      reported = '';
      return cached.facts;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== reported) onError?.(error as Error);
      reported = message;
      return staticFacts([]);
    }
  };
  return { list: () => current().list(), get: (id) => current().get(id) };
}
