import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import type { Store } from '../core/types.ts';
import { clustersRouter } from './routes/clusters.ts';
import { healthRouter } from './routes/health.ts';
import { itemsRouter } from './routes/items.ts';
import { statsRouter } from './routes/stats.ts';
import { HttpError } from './validation.ts';

export interface AppOptions {
  store: Store;
  logger?: Logger;
}

/** The HTTP API: one router per resource, JSON errors everywhere. */
export function createApp({ store, logger }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));

  app.use('/api/health', healthRouter(store));
  app.use('/api/items', itemsRouter(store));
  app.use('/api/stats', statsRouter(store));
  app.use('/api/clusters', clustersRouter(store));
  app.use('/api', (req) => {
    throw new HttpError(404, 'not_found', `no API route ${req.method} ${req.originalUrl}`);
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message, parameter: error.parameter } });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // Body-parser errors (malformed JSON, payload too large) carry their own status.
      res.status(status).json({ error: { code: 'bad_request', message: (error as Error).message } });
      return;
    }
    logger?.error({ err: error, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: { code: 'internal_error', message: (error as Error).message } });
  };
  app.use(onError);
  return app;
}
