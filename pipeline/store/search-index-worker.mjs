// Worker threads start outside tsx and vitest, so the TypeScript worker is loaded through tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./search-index-worker.ts');
