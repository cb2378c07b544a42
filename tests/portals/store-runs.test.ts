import { describe, expect, it } from 'vitest';
import { KEPT_RUNS, PortalStore } from '../../features/portals/store.ts';

describe('portal store: check runs', () => {
  it(`keeps each portal's newest ${KEPT_RUNS} runs and forgets older ones`, () => {
    let minutes = 0;
    const store = new PortalStore(':memory:', () => new Date(Date.UTC(2020, 9, 1, 0, minutes)));
    try {
      const run = (portalId: string, pagesChecked: number) => {
        const id = store.startRun(portalId);
        minutes += 5;
        store.finishRun(id, { pagesChecked, newIncidents: 0, errors: [] });
      };
      run('tinh-uy', 1);
      for (let i = 1; i <= KEPT_RUNS + 50; i++) run('ubnd', i);
      const count = (portalId: string) => store.db.prepare('SELECT count(*) FROM runs WHERE portal_id = ?').pluck().get(portalId);
      expect(count('ubnd')).toBe(KEPT_RUNS);
      // Another portal's history is its own.
      expect(count('tinh-uy')).toBe(1);
      expect(store.latestRun('ubnd')?.pagesChecked).toBe(KEPT_RUNS + 50);
      const oldest = store.db.prepare(`SELECT min(pages_checked) FROM runs WHERE portal_id = 'ubnd'`).pluck().get();
      expect(oldest).toBe(51);
    } finally {
      store.close();
    }
  });
});
