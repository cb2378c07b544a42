// Child process for the SQLite store's crash test: writes items, then exits at once, as a
// killed crawler would, without waiting for the full-text index or closing the store.
//   node --import tsx tests/helpers/write-then-exit.ts <store.db> <count> <word>
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from './items.ts';

const [path, count, word] = process.argv.slice(2);
const store = new SqliteStore({ path });
await store.init();
const items = Array.from({ length: Number(count) }, (_, i) =>
  makeItem({ title: `Bài ${i} về ${word}`, text: `Nội dung số ${i} nhắc tới ${word}.`, url: `https://bao-a.example/crash-${i}.html` }),
);
const result = await store.upsertItems(items);
process.stdout.write(`${result.inserted}\n`);
process.exit(0);
