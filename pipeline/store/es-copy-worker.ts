// The bulk copy of an Elasticsearch mapping migration, in its own process with a capped heap.
// Started by ElasticsearchStore.copyInChild through es-copy-worker.mjs; talks only by IPC messages.
import { ElasticsearchStore, describeError, type CopyJob, type CopyMessage } from './elasticsearch.ts';

const post = (message: CopyMessage) => process.send!(message);
// Its parent gone (killed, crashed), nobody would move the alias: stop copying.
const orphaned = () => process.exit(1);
process.once('disconnect', orphaned);

const job = await new Promise<CopyJob>((resolve) => process.once('message', (message) => resolve(message as CopyJob)));
const store = new ElasticsearchStore({ ...job.options, outboxPath: null });
try {
  const copied = await store.copyAll(job.source, job.target, (count) => post({ type: 'progress', copied: count }));
  post({ type: 'done', copied });
} catch (error) {
  post({ type: 'failed', error: describeError(error) });
} finally {
  await store.close();
  process.off('disconnect', orphaned);
  process.disconnect();
}
