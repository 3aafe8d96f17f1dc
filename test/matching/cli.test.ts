import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from '../../src/matching/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lokerbot-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  let out = '';
  let err = '';
  const code = await runMatchCommand(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out: out.split('\n').filter((l) => l !== ''), err };
}

const vacancies = file('v.jsonl', [
  { id: 'v1', title: 'Welder SMAW', company: 'PT Baja Jaya', requiredSkills: ['las smaw'], kecamatan: 'Cikarang Barat', minEducation: 'SMK' },
  { id: 'v2', title: 'Operator Forklift', company: { id: 'c2', name: 'PT Gudang' }, requiredSkills: ['forklift', 'sim b1'], kecamatan: 'Cibitung' },
  '{"id": "broken", ',
  { id: 'v3', title: 'Kasir', company: 'Toko', kecamatan: 'Tambun Selatan', minEducation: 'SMX' },
  { id: 'v4', title: 'Welder', company: 'PT Tutup', requiredSkills: ['las smaw'], kecamatan: 'Setu', status: 'closed' },
]);
const seekers = file('s.jsonl', [
  { id: 's1', skills: 'sy bisa ngelas smaw, forklif', kecamatan: 'Cikarang Utara', ktpBekasi: true, education: 'SMK' },
  { id: 's2', skills: ['barista'] },
  { id: 's3', skills: 42 },
]);

describe('match command', () => {
  it('prints one JSON line per valid seeker, best match first, and reports bad lines', async () => {
    const { code, out, err } = await run(['--vacancies', vacancies, '--seekers', seekers, '--top', '5']);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as { seekerId: string; matches: { vacancyId: string; score: number; reasons: unknown[] }[] });
    expect(lines.map((l) => l.seekerId)).toEqual(['s1', 's2']);
    expect(lines[0]!.matches.map((x) => x.vacancyId)).toEqual(['v1', 'v2']);
    expect(lines[0]!.matches[0]!.reasons.length).toBeGreaterThan(0);
    expect(lines[1]!.matches).toEqual([]);
    expect(err).toContain('v.jsonl line 3: (line): not valid JSON');
    expect(err).toContain('v.jsonl line 4: minEducation:');
    expect(err).toContain('s.jsonl line 3: skills:');
  });

  it('honours --top', async () => {
    const { out } = await run(['--vacancies', vacancies, '--seekers', seekers, '--top', '1']);
    expect((JSON.parse(out[0]!) as { matches: unknown[] }).matches).toHaveLength(1);
  });

  it('explains usage errors with exit code 2 and a missing file with exit code 1', async () => {
    expect((await run(['--seekers', seekers])).code).toBe(2);
    expect((await run(['--vacancies', vacancies, '--seekers', seekers, '--top', 'ten'])).err).toContain('--top must be');
    const missing = await run(['--vacancies', join(dir, 'nope.jsonl'), '--seekers', seekers]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read input');
  });
});
