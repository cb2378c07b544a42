// The web dashboard: static pages (dashboards/web) and the charting library from node_modules,
// served under a strict Content-Security-Policy. The pages call the API like any client, with
// the session cookie; nothing here answers under /api.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler } from 'express';

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), 'web');

/** Chart.js's self-contained browser build (it sets `window.Chart`). */
export function chartJsPath(): string {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return join(dirname(main), 'chart.umd.min.js');
}

/**
 * Scripts only from the dashboard's own files (no inline scripts, no eval, no event-handler
 * attributes), styles only from its stylesheet, requests only to this origin, no frames, no
 * plugins, forms only back to this origin.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const securityHeaders: RequestHandler = (req, res, next) => {
  // Paths under /api belong to the API (its own answers, its own 404s).
  if (req.path === '/api' || req.path.startsWith('/api/')) return next('router');
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

/** Static files of the dashboard; mount at "/" with `read: 'public'` (the pages themselves hold no data). */
export function dashboardRouter(): Router {
  const router = Router();
  router.use(securityHeaders);
  const chartJs = chartJsPath();
  router.get('/vendor/chart.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/javascript').sendFile(chartJs);
  });
  router.use(
    express.static(WEB_ROOT, {
      extensions: ['html'],
      index: 'index.html',
      dotfiles: 'ignore',
      redirect: false,
      setHeaders: (res, path) => {
        // Pages and scripts change with upgrades; let the browser revalidate them.
        res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=300');
      },
    }),
  );
  return router;
}

/**
 * The dashboard's pages at "/", for `createApp({ routers })` / `startServer({ routers })`. They
 * are public (they hold no data); other methods need a session, then fall through to the API's 404.
 */
export function dashboardMounts(): Array<{ path: string; router: Router; read: 'public'; write: 'viewer' }> {
  return [{ path: '/', router: dashboardRouter(), read: 'public', write: 'viewer' }];
}
