// The copy process starts outside tsx and vitest, so the TypeScript module is loaded through tsx here.
import { getHeapStatistics } from 'node:v8';
import { register } from 'tsx/esm/api';

// Reported from inside the process, so the limit shown is the one V8 applies, and before the
// modules load, so it is shown even when they do not fit.
process.send({ type: 'started', heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20 });
register();
await import('./es-copy-worker.ts');
