import { afterEach } from 'vitest';
import type { ChannelSender } from '../../src/channels/channel-sender.js';
import type { Channel } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import type { Store } from '../../src/store/index.js';
import { usePipelineRuns, type PipelineRun } from '../alerts/pipeline-harness.js';
import { createTestTokens, startAdminApp, testAdminApi, type AdminTestServer } from '../helpers/admin-app.js';

/**
 * The admin API over a store whose alert pipeline runs in this process (outbox relay, fan-out and
 * send workers on this file's Redis, with the given senders): what a decision made through the API
 * tells a person, end to end. The test tokens exist; the server and the pipeline stop after each test.
 */
export function useAdminPipeline(redis: { url: string; client: RedisClient }): {
  newStore(): Store;
  start(store: Store, senders: Partial<Record<Channel, ChannelSender>>): Promise<{ run: PipelineRun; api: string }>;
} {
  const runs = usePipelineRuns(redis);
  let server: AdminTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    newStore: () => runs.newStore(),
    start: async (store, senders) => {
      await createTestTokens(store);
      const run = await runs.start(store, senders);
      server = await startAdminApp(createLogger({ level: 'silent' }), [testAdminApi({ store, queues: run.queues, redis: redis.client }).mount]);
      return { run, api: `${server.baseUrl}/api/admin` };
    },
  };
}
