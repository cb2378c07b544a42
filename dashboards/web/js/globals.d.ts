// Chart.js comes in as a classic script (/vendor/chart.js) before the page's modules; this tells
// `npm run typecheck:web` what it adds to window. It is absent when the server cannot serve it.
import type { Chart } from 'chart.js';

declare global {
  interface Window {
    Chart?: typeof Chart;
  }
}
