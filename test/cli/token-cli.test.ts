import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBootstrapToken } from '../../src/admin/bootstrap-token.js';
import { hashToken } from '../../src/admin/token-hash.js';
import { newId, type Store } from '../../src/store/index.js';
import { runCli, withStoreIn } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('lokerbot-token-cli');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const dataDir = path.join(dir, 'data');
const cli = (args: string[]) => runCli(args, dataDir);
const withStore = <T>(run: (store: Store) => Promise<T>) => withStoreIn(dataDir, run);

const BOOTSTRAP = 'bootstrap-admin-token-0123456789abcdef';
const OPERATOR = 'operator-token-for-loket-0123456789';

interface Listed {
  id: string;
  role: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

describe('lokerbot token', { timeout: 120_000 }, () => {
  let bootstrapId = '';
  let operatorId = '';
  beforeAll(async () => {
    await withStore(async (store) => {
      await ensureBootstrapToken(store, BOOTSTRAP, new Date('2026-03-01T01:00:00Z'));
      bootstrapId = (await store.adminTokens.findByHash(hashToken(BOOTSTRAP)))!.id;
      operatorId = newId('tok');
      await store.adminTokens.create({ id: operatorId, tokenHash: hashToken(OPERATOR), role: 'operator', label: 'Loket Cikarang', createdAt: '2026-03-02T02:00:00.000Z' });
    });
  });

  const list = () => {
    const run = cli(['token', 'list']);
    expect(run.code, run.stderr).toBe(0);
    return { ...run, tokens: run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Listed) };
  };

  it('lists tokens oldest first with id, role, label, createdAt and revokedAt, never the token or its hash', () => {
    const { tokens, stdout } = list();
    expect(tokens).toEqual([
      { id: bootstrapId, role: 'admin', label: 'bootstrap (ADMIN_TOKEN)', createdAt: '2026-03-01T01:00:00.000Z', revokedAt: null, bootstrap: true },
      { id: operatorId, role: 'operator', label: 'Loket Cikarang', createdAt: '2026-03-02T02:00:00.000Z', revokedAt: null },
    ]);
    for (const secret of [BOOTSTRAP, OPERATOR, hashToken(BOOTSTRAP), hashToken(OPERATOR)]) expect(stdout).not.toContain(secret);
    expect(stdout).not.toMatch(/tokenHash/);
  });

  it('revokes a token by id, audit-logged, and revoking it again changes nothing', async () => {
    const run = cli(['token', 'revoke', '--id', operatorId]);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { id: string; revokedAt: string };
    expect(printed.id).toBe(operatorId);
    expect(Date.parse(printed.revokedAt)).toBeGreaterThan(Date.now() - 120_000);
    await withStore(async (store) => {
      expect((await store.adminTokens.get(operatorId))?.revokedAt).toBe(printed.revokedAt);
      expect(await store.audit.listForTarget('admin-token', operatorId)).toEqual([expect.objectContaining({ actor: 'cli', action: 'admin-token.revoke' })]);
    });
    expect(list().tokens.find((t) => t.id === operatorId)?.revokedAt).toBe(printed.revokedAt);

    const again = cli(['token', 'revoke', '--id', operatorId]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already revoked/);
    expect(JSON.parse(again.stdout)).toEqual(printed);
    await withStore(async (store) => expect(await store.audit.listForTarget('admin-token', operatorId)).toHaveLength(1));
    // The bootstrap token was not touched.
    expect(list().tokens.find((t) => t.id === bootstrapId)?.revokedAt).toBeNull();
  });

  it('creates a token of each role, prints it once on stdout, stores only its hash and audits it', async () => {
    const made = cli(['token', 'create', '--role', 'company', '--name', 'HRD PT Astra Daihatsu', '--company', 'cmp-astra']);
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^lkb_[A-Za-z0-9_-]{43}$/);
    expect(made.stderr).toMatch(/only time the token is shown/);
    expect(made.stderr).not.toContain(token);
    const listed = list();
    const summary = listed.tokens.find((t) => t.label === 'HRD PT Astra Daihatsu');
    expect(summary).toMatchObject({ role: 'company', companyId: 'cmp-astra', revokedAt: null });
    expect(listed.stdout).not.toContain(token);
    await withStore(async (store) => {
      const stored = await store.adminTokens.findByHash(hashToken(token));
      expect(stored?.id).toBe(summary?.id);
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(await store.audit.listForTarget('admin-token', stored!.id)).toEqual([
        expect.objectContaining({ actor: 'cli', action: 'admin-token.create', details: { role: 'company', companyId: 'cmp-astra' } }),
      ]);
    });
    const admin = cli(['token', 'create', '--role', 'admin', '--name', 'Kepala Bidang Penempatan']);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout.trim()).not.toBe(token);
  });

  it('refuses a token without a name, a company token without --company and an office token with one', () => {
    const cases: [string[], RegExp][] = [
      [['--role', 'operator'], /name:/],
      [['--role', 'company', '--name', 'HRD'], /--company: a company token needs/],
      [['--role', 'operator', '--name', 'Loket', '--company', 'cmp-astra'], /--company: a company token needs/],
      [['--role', 'root', '--name', 'x'], /role:/],
    ];
    for (const [args, message] of cases) {
      const run = cli(['token', 'create', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('says what is wrong with an unknown id, a missing --id or an unknown subcommand', () => {
    const unknown = cli(['token', 'revoke', '--id', 'tok_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no token with id "tok_nope"/);
    const missing = cli(['token', 'revoke']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--id ID is required/);
    const other = cli(['token', 'rotate']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/unknown subcommand "rotate"/);
    expect(cli(['--help']).stdout).toMatch(/token revoke --id ID/);
    expect(cli(['--help']).stdout).toMatch(/token create --role admin\|operator\|company --name NAME/);
  });
});
