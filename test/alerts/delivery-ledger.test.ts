import { describe, expect, it } from 'vitest';
import { DeliveryLedger, type DeliveryKey } from '../../src/alerts/delivery-ledger.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeDelivery } from '../fixtures/domain.js';
import { tempDir } from '../helpers/temp-dir.js';
import path from 'node:path';
import fs from 'node:fs';

const key = (jobId: string): DeliveryKey => ({ sourceId: 'vacancy-vac-1', recipient: 'telegram/1001', channel: 'telegram', jobId });

describe('DeliveryLedger', () => {
  it('lets exactly one of many concurrent claimers (two processes on one file) send', async () => {
    const dir = tempDir('lokerbot-ledger');
    const file = path.join(dir, 'lokerbot.sqlite');
    const stores = [new Store(new SqliteBackend({ file })), new Store(new SqliteBackend({ file }))];
    try {
      const ledgers = stores.map((store) => new DeliveryLedger(store));
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => ledgers[i % 2]!.claim(key(`job-${i}`))));
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect(claims.filter((c) => !c.claimed).every((c) => !c.claimed && c.reason === 'owned-by-another-job')).toBe(true);
      expect(await stores[0]!.deliveries.count({ sourceId: 'vacancy-vac-1' })).toBe(1);
    } finally {
      for (const store of stores) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('claims again for the same job, counting the attempt, and never after it was sent', async () => {
    const store = new Store(new SqliteBackend({ file: ':memory:' }));
    const ledger = new DeliveryLedger(store);
    const first = await ledger.claim(key('job-a'));
    expect(first).toMatchObject({ claimed: true, delivery: { status: 'pending', attempts: 1, jobId: 'job-a' } });
    const again = await ledger.claim(key('job-a'));
    expect(again).toMatchObject({ claimed: true, delivery: { attempts: 2 } });
    await ledger.markSent(again.delivery, 'job-a');
    expect(await ledger.claim(key('job-a'))).toMatchObject({ claimed: false, reason: 'sent' });
    expect(await ledger.claim(key('job-b'))).toMatchObject({ claimed: false, reason: 'sent' });
    expect(await ledger.skip(key('job-a'), 'nothing-to-say')).toMatchObject({ status: 'sent', attempts: 2 });
    await store.close();
  });

  it('takes an unclaimed placeholder row, and leaves a failed one to the job that failed it', async () => {
    const store = new Store(new SqliteBackend({ file: ':memory:' }));
    const ledger = new DeliveryLedger(store);
    await store.deliveries.create(makeDelivery('dlv-1'));
    expect(await ledger.claim(key('job-a'))).toMatchObject({ claimed: true, delivery: { id: 'dlv-1', attempts: 1, jobId: 'job-a' } });
    const claimed = await ledger.claim(key('job-a'));
    await ledger.markFailed(claimed.delivery, 'job-a', 'loker:send-rejected: telegram: message rejected');
    expect(await ledger.claim(key('job-b'))).toMatchObject({ claimed: false, reason: 'failed' });
    // Retried by hand from the dashboard: the same job may try again.
    expect(await ledger.claim(key('job-a'))).toMatchObject({ claimed: true, delivery: { status: 'pending', attempts: 3 } });
    expect((await store.deliveries.require('dlv-1')).lastError).toBeUndefined();
    await store.close();
  });
});
