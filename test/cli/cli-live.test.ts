import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChatClient } from '../helpers/chat-client.js';
import { startChatService } from '../helpers/chat-service.js';
import { waitForAsync } from '../helpers/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/*
 * The CLI beside a running service on the same DATA_DIR, as the office would use it: a vacancy
 * imported from a file while people are chatting must show in their searches without a restart.
 * The CLI finds the service's embedded Redis through DATA_DIR and announces its writes on the
 * change feed; without it the service would only see them at its next reconciliation.
 */
describe('the CLI while the service runs', { timeout: 120_000 }, () => {
  it('makes an imported vacancy show in "cari" at once, without a restart', async () => {
    // Reconciliation far away, so only the change feed can explain the vacancy showing up.
    const chat = await startChatService({ vacancies: 0, env: { INDEX_RECONCILE_SECONDS: '3600' } });
    try {
      const person = new ChatClient(chat.baseUrl);
      await person.register();
      expect((await person.say('cari')).join('\n')).not.toMatch(/Juru Las Dermaga/);
      await person.say('menu');

      const file = path.join(chat.dataDir, 'import.jsonl');
      fs.writeFileSync(file, `${JSON.stringify({ id: 'vac-live-1', title: 'Juru Las Dermaga', company: 'PT Galangan Muara', requiredSkills: ['las smaw'], kecamatan: 'Cikarang Utara', minEducation: 'SMK' })}\n`);
      const imported = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'import', '--vacancies', file], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: chat.dataDir },
        timeout: 60_000,
      });
      expect(JSON.parse(imported.stdout.trim())).toMatchObject({ created: 1 });
      expect(imported.stderr).not.toMatch(/no running LokerBot Redis|not reachable/);

      const found = await waitForAsync(async () => {
        const text = (await person.say('cari')).join('\n');
        await person.say('menu');
        return text.includes('Juru Las Dermaga') && text;
      }, 'the imported vacancy in the search', 5_000, 200);
      expect(found).toMatch(/PT Galangan Muara/);
    } finally {
      await chat.stop();
    }
  });
});
