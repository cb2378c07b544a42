// Links from e-mails (digest, alerts) into the web dashboard. Keep these paths in step with
// the dashboard's routes: /items/:id, /clusters/:id, /items?<filters> (the API's item filters).

export interface DashboardLinks {
  home: string;
  item(id: string): string;
  cluster(id: string): string;
  /** The item list with the API's filters (flagged, source, from, to, status, sort, ...). */
  items(filters: Record<string, string | boolean | string[] | undefined>): string;
}

export function dashboardLinks(baseUrl: string): DashboardLinks {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    home: `${base}/`,
    item: (id) => `${base}/items/${encodeURIComponent(id)}`,
    cluster: (id) => `${base}/clusters/${encodeURIComponent(id)}`,
    items: (filters) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) {
        if (value === undefined) continue;
        params.set(key, Array.isArray(value) ? value.join(',') : String(value));
      }
      const query = params.toString();
      return `${base}/items${query ? `?${query}` : ''}`;
    },
  };
}
