// Child process for the backup tests: a crawl that keeps storing new items into a SQLite store
// until it is told to stop (SIGTERM), printing the number of items stored after each batch.
//   node --import tsx tests/helpers/keep-writing.ts <store.db> <first index>
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { numberedItem } from '../backup/items.ts';

const [path, first] = process.argv.slice(2);
const store = new SqliteStore({ path });
await store.init();
let stopping = false;
process.once('SIGTERM', () => (stopping = true));
let next = Number(first);
while (!stopping) {
  const batch = Array.from({ length: 200 }, (_, k) => numberedItem(next + k, 'Ia Grai'));
  await store.upsertItems(batch);
  next += batch.length;
  process.stdout.write(`${next - Number(first)}\n`);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await store.close();
process.exit(0);
