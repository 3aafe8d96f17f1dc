import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/index.js';
import type { Store } from '../../src/store/index.js';
import { runCli, withStoreIn } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('lokerbot-cli');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const dataDir = path.join(dir, 'data');
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, dataDir, env);
const withStore = <T>(run: (store: Store) => Promise<T>) => withStoreIn(dataDir, run);

describe('lokerbot CLI', { timeout: 120_000 }, () => {
  it('prints its usage and exits 2 without a command, and names an unknown one', () => {
    expect(cli([]).code).toBe(2);
    expect(cli([]).stdout).toMatch(/usage: lokerbot <command>/);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('matches JSONL files: one JSON line per seeker on stdout, bad lines reported with their number', () => {
    const vacancies = path.join(dir, 'v.jsonl');
    const seekers = path.join(dir, 's.jsonl');
    fs.writeFileSync(
      vacancies,
      [
        JSON.stringify({ id: 'v1', title: 'Welder SMAW', company: 'PT Baja Cikarang', requiredSkills: ['las smaw'], kecamatan: 'Cikarang Barat', minEducation: 'SMK' }),
        JSON.stringify({ id: 'v2', title: 'Admin Gudang', company: 'PT Logistik Jaya', requiredSkills: ['admin gudang', 'microsoft excel'], kecamatan: 'Cibitung' }),
        '{"id": "broken"',
      ].join('\n'),
    );
    fs.writeFileSync(
      seekers,
      [JSON.stringify({ id: 's1', skills: 'sy bisa ngelas smaw', kecamatan: 'cikarang utara', education: 'SMK' }), JSON.stringify({ id: 's2', skills: 42 })].join('\n'),
    );
    const run = cli(['match', '--vacancies', vacancies, '--seekers', seekers, '--top', '1']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seekerId: string; matches: { vacancyId: string; reasons: unknown[] }[] });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.seekerId).toBe('s1');
    expect(lines[0]?.matches.map((m) => m.vacancyId)).toEqual(['v1']);
    expect(lines[0]?.matches[0]?.reasons.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/v\.jsonl line 3:/);
    expect(run.stderr).toMatch(/s\.jsonl line 2: skills/);
  });

  it('seeds the demo set once, and a second run adds nothing', async () => {
    const first = cli(['seed-demo', '--vacancies', '50', '--seekers', '5', '--subscriptions', '5']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as DemoSummary;
    expect(report).toMatchObject({ vacancies: 50, seekers: 5, subscriptions: 5, alreadyThere: 0 });
    // It says what was created and why not all of it shows: closed ones, drafts, passed deadlines, paused subscriptions.
    expect(report.vacancyStatus.open + report.vacancyStatus.closed + report.vacancyStatus.draft).toBe(50);
    expect(report.subscriptionsActive + report.subscriptionsPaused).toBe(5);
    const openInStore = await withStore((store) => store.vacancies.count({ status: 'open' }));
    expect(openInStore).toBe(report.vacancyStatus.open);
    expect(first.stderr).toContain(`seed-demo: 50 vacancies created: ${report.vacancyStatus.open - report.openPastDeadline} open and shown in searches and alerts;`);
    expect(first.stderr).toMatch(/seed-demo: 5 subscriptions created: \d active, \d paused/);
    // Its companies are recorded, most verified; the report names the ones left unverified.
    expect(report.companiesVerified).toBeGreaterThan(report.companiesUnverified.length);
    expect(report.companiesUnverified.length).toBeGreaterThan(0);
    expect(first.stderr).toContain(`seed-demo: ${report.companies} companies created: ${report.companiesVerified} verified, ${report.companiesUnverified.length} left unverified (their vacancies say so in chat): ${report.companiesUnverified.slice(0, 3).join(', ')} and ${report.companiesUnverified.length - 3} more (all in the JSON summary).`);
    const unverifiedInStore = await withStore(async (store) => (await store.companies.find({})).filter((c) => c.verification === undefined).map((c) => c.name));
    expect(unverifiedInStore.sort()).toEqual([...report.companiesUnverified].sort());
    const second = cli(['seed-demo', '--vacancies', '50', '--seekers', '5', '--subscriptions', '5']);
    expect(JSON.parse(second.stdout)).toMatchObject({ vacancies: 0, alreadyThere: 60 + report.companies + report.trainingProgrammes });
    // Training programmes for the chat's suggestions: the open ones are offered, as the report says.
    expect(report).toMatchObject({ trainingProgrammes: 6, trainingProgrammesOpen: 5 });
    expect(first.stderr).toContain('seed-demo: 6 training programmes created: 5 open (offered in chat under "pelatihan"), 1 closed.');
    expect(await withStore((store) => store.trainingProgrammes.count({ status: 'open' }))).toBe(5);
    const seekers = await withStore((store) => store.seekers.find({}, { limit: 10 }));
    expect(seekers.every((s) => s.skills.ids.length > 0)).toBe(true);
  });

  it('imports vacancies from JSONL and CSV, skipping bad rows with their line and opening the rest with an outbox event', async () => {
    const jsonl = path.join(dir, 'import.jsonl');
    fs.writeFileSync(
      jsonl,
      [
        JSON.stringify({ id: 'imp-1', title: 'Operator Forklift', company: 'PT Astra', kecamatan: 'cikbar', requiredSkills: 'forklift;sim b1', deadline: '2027-01-31' }),
        JSON.stringify({ id: 'imp-2', title: '', company: 'PT X', kecamatan: 'Setu' }),
        JSON.stringify({ id: 'imp-3', title: 'Kasir', company: 'PT Y', kecamatan: 'Atlantis' }),
      ].join('\n'),
    );
    const csv = path.join(dir, 'import.csv');
    fs.writeFileSync(csv, 'id,title,company,kecamatan,requiredSkills,salaryMin,salaryMax,employmentType\nimp-4,"Staff QC, shift",PT Z,Cibitung,quality control|k3,5200000,5600000,PKWT\nimp-5,Helper,PT W,Setu,,abc,,PKWT\n');
    const a = cli(['import', '--vacancies', jsonl]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual({ created: 1, updated: 0, skipped: 2, heldAsDraft: 0, flagged: 0 });
    expect(a.stderr).toMatch(/import\.jsonl line 2: title/);
    expect(a.stderr).toMatch(/import\.jsonl line 3: kecamatan: "Atlantis" is not a known kecamatan/);
    const b = cli(['import', '--vacancies', csv]);
    expect(JSON.parse(b.stdout)).toEqual({ created: 1, updated: 0, skipped: 1, heldAsDraft: 0, flagged: 0 });
    expect(b.stderr).toMatch(/import\.csv line 3: salaryMin/);
    await withStore(async (store) => {
      const forklift = await store.vacancies.require('imp-1');
      expect(forklift).toMatchObject({ status: 'open', kecamatan: 'Cikarang Barat', requiredSkills: ['forklift', 'sim b1'], source: 'import', deadline: '2027-01-31T23:59:59+07:00' });
      expect((await store.vacancies.require('imp-4')).title).toBe('Staff QC, shift');
      expect((await store.outbox.pending()).map((e) => e.subjectId).sort()).toEqual(['imp-1', 'imp-4']);
    });
  });

  it('lints imported rows: warnings printed with their line, discriminating ones kept as drafts unless the row gives overrideReason', async () => {
    const csv = path.join(dir, 'lint.csv');
    fs.writeFileSync(
      csv,
      'id,title,company,kecamatan,requirements,salaryMin,deadline,overrideReason\n' +
        'lint-1,Operator Produksi,PT A,Setu,"Pria, usia maks. 25 tahun",5200000,2027-01-31,\n' +
        'lint-2,Satpam,PT B,Setu,"Laki-laki, tinggi badan min 170 cm",5200000,2027-01-31,Syarat Perkap satpam\n' +
        'scam-3,Operator Gudang,PT C,Setu,"Wajib bayar uang seragam Rp 250.000 ke admin",5200000,2027-01-31,\n',
    );
    const run = cli(['import', '--vacancies', csv]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ created: 3, updated: 0, skipped: 0, heldAsDraft: 1, flagged: 1 });
    expect(run.stderr).toMatch(/lint\.csv line 4: flagged for review \(kept as a draft until staff approve it\): fee-request "uang seragam"/);
    expect(run.stderr).toMatch(/lint\.csv line 2: warning: gender "Pria", age-limit "usia maks\. 25 tahun" \(kept as a draft/);
    expect(run.stderr).toMatch(/lint\.csv line 3: warning: gender "Laki-laki", height-weight "tinggi badan min 170 cm"\n/);
    await withStore(async (store) => {
      expect((await store.vacancies.require('lint-1')).status).toBe('draft');
      expect((await store.vacancies.require('lint-2')).status).toBe('open');
      expect(await store.vacancies.require('scam-3')).toMatchObject({ status: 'draft', review: { state: 'pending' } });
      expect(await store.audit.listForTarget('vacancy', 'lint-2')).toEqual([expect.objectContaining({ actor: 'cli', action: 'vacancy.open', details: expect.objectContaining({ overrideReason: 'Syarat Perkap satpam', via: 'import' }) as object })]);
    });
  });
});
