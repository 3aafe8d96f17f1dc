import { DEFAULT_UMK_RUPIAH } from '../config/index.js';
import { identityKey, type Company, type EducationLevel, type JobSearch, type Seeker, type Subscription, type TrainingProgramme, type Vacancy } from '../domain/index.js';
import { demoCompanies } from './companies.js';
import { JOB_TEMPLATES, type JobTemplate } from './jobs.js';
import { BEKASI_KECAMATAN, COMPANY_PARTS, ESTATES, FIRST_NAMES, LAST_NAMES, NEIGHBOUR_KECAMATAN } from './places.js';
import { Random } from './random.js';
import { chatSkills } from './text-style.js';
import { demoProgrammes } from './training.js';

export interface DemoOptions {
  /** Vacancies to generate. Default 300. */
  vacancies?: number;
  /** Seekers to generate. Default 40. */
  seekers?: number;
  /** Subscriptions to generate. Default 40. */
  subscriptions?: number;
  /** PRNG seed; the same seed and counts give the same data. Default 2026. */
  seed?: number;
  /** The "today" timestamps are relative to. Default 2026-03-02T09:00:00+07:00. */
  now?: Date;
}

export interface DemoData {
  vacancies: Vacancy[];
  /** The companies the vacancies name, most of them verified. */
  companies: Company[];
  seekers: Seeker[];
  subscriptions: Subscription[];
  /** BLK and LPK courses, a Japan apprenticeship and an internship (src/demo/training.ts). */
  programmes: TrainingProgramme[];
}

const DEFAULT_NOW = new Date('2026-03-02T02:00:00Z');
const DAY = 86_400_000;
const EDUCATION_ORDER: readonly EducationLevel[] = ['SD', 'SMP', 'SMA', 'SMK', 'D3', 'S1'];
// Each record draws from its own stream, so changing one count never reshuffles the others.
const streamOf = (seed: number, kind: number, i: number): Random => new Random((seed * 2654435761) ^ (kind * 40503) ^ (i * 2246822519));
const iso = (ms: number): string => new Date(ms).toISOString();
const pad = (i: number, width: number): string => String(i + 1).padStart(width, '0');

function companyName(rng: Random): string {
  return `PT ${rng.pick(COMPANY_PARTS.first)} ${rng.pick(COMPANY_PARTS.second)} ${rng.pick(COMPANY_PARTS.suffix)}`;
}

function place(rng: Random, job: JobTemplate): { kecamatan: string; estate?: string } {
  if (job.sector === 'town') return { kecamatan: rng.pick(BEKASI_KECAMATAN) };
  const total = ESTATES.reduce((sum, e) => sum + e.weight, 0);
  let roll = rng.next() * total;
  for (const e of ESTATES) {
    roll -= e.weight;
    if (roll < 0) return { kecamatan: e.kecamatan, estate: e.name };
  }
  return { kecamatan: ESTATES[0].kecamatan, estate: ESTATES[0].name };
}

function requirementsText(job: JobTemplate): string {
  const lines = [`Pendidikan minimal ${job.minEducation}`, job.minYears > 0 ? `Pengalaman minimal ${job.minYears} tahun` : 'Fresh graduate dipersilakan', `Keahlian: ${job.required.join(', ')}`];
  if (job.preferred.length > 0) lines.push(`Diutamakan ${job.preferred.join(', ')}`);
  lines.push('Berdomisili di Kabupaten Bekasi');
  return lines.map((l) => `- ${l}`).join('\n');
}

export function demoVacancy(i: number, seed = 2026, now: Date = DEFAULT_NOW): Vacancy {
  const rng = streamOf(seed, 1, i);
  const job = rng.pick(JOB_TEMPLATES);
  const where = place(rng, job);
  const openedAt = now.getTime() - rng.int(0, 45) * DAY - rng.int(0, 86_399) * 1000;
  const statusRoll = rng.next();
  const quota = rng.int(1, 20);
  const salaryMin = Math.round((DEFAULT_UMK_RUPIAH * job.pay * (0.95 + rng.next() * 0.15)) / 50_000) * 50_000;
  const company = companyName(rng);
  return {
    id: `demo-v-${pad(i, 7)}`,
    company: { id: `demo-co-${company.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`, name: company },
    title: rng.chance(0.3) ? `Dibutuhkan ${job.title}` : job.title,
    description: `${company}${where.estate !== undefined ? ` (Kawasan ${where.estate})` : ''} membuka lowongan ${job.title}. ${job.duties}`,
    requirements: requirementsText(job),
    requiredSkills: [...job.required],
    preferredSkills: [...job.preferred],
    minEducation: job.minEducation,
    minExperienceYears: job.minYears,
    kecamatan: where.kecamatan,
    ...(where.estate !== undefined ? { estate: where.estate } : {}),
    salaryMin,
    salaryMax: Math.round((salaryMin * (1.1 + rng.next() * 0.3)) / 50_000) * 50_000,
    employmentType: rng.pick(job.types),
    quota,
    localQuota: rng.chance(0.6) ? Math.floor(quota * (0.3 + rng.next() * 0.3)) : 0,
    deadline: iso(openedAt + rng.int(14, 60) * DAY),
    status: statusRoll < 0.9 ? 'open' : statusRoll < 0.96 ? 'closed' : 'draft',
    source: 'demo',
    openedAt: iso(openedAt),
    createdAt: iso(openedAt - DAY),
    updatedAt: iso(openedAt),
  };
}

export function demoSeeker(i: number, seed = 2026, now: Date = DEFAULT_NOW): Seeker {
  const rng = streamOf(seed, 2, i);
  const job = rng.pick(JOB_TEMPLATES);
  const phrases = [...job.required, ...rng.sample(job.preferred, rng.int(0, 2))];
  if (rng.chance(0.3)) phrases.push(rng.pick(rng.pick(JOB_TEMPLATES).required));
  const minRank = EDUCATION_ORDER.indexOf(job.minEducation);
  const level = EDUCATION_ORDER[Math.min(EDUCATION_ORDER.length - 1, Math.max(0, minRank) + rng.int(-1, 1) + 1)] ?? 'SMA';
  const years = Math.max(0, job.minYears + rng.int(-1, 3));
  const identity = { channel: 'web' as const, userId: `demo-seeker-${pad(i, 6)}` };
  const at = iso(now.getTime() - rng.int(1, 90) * DAY);
  return {
    id: `demo-s-${pad(i, 6)}`,
    identities: [identity],
    identityKeys: [identityKey(identity)],
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    domicile: { kecamatan: rng.chance(0.85) ? rng.pick(BEKASI_KECAMATAN) : rng.pick(NEIGHBOUR_KECAMATAN), ktpBekasi: rng.chance(0.8) },
    education: { level, ...(level === 'SMK' ? { major: rng.pick(['Teknik Mesin', 'Teknik Elektro', 'Otomotif', 'Akuntansi', 'TKJ']) } : {}) },
    skills: { ids: [], raw: chatSkills(rng, phrases) },
    experience: { years, text: years > 0 ? `${years} tahun sebagai ${job.title.toLowerCase()}` : '' },
    certifications: [],
    wantedPositions: [job.title],
    wantedJobTypes: rng.sample(job.types, rng.int(0, job.types.length)),
    locale: rng.chance(0.85) ? 'id' : 'en',
    consent: { at, version: 'demo-1' },
    status: 'active',
    // Drawn last, so every earlier field stays what the same seed gave before.
    jobSearch: demoJobSearch(rng, at, now),
    createdAt: at,
    updatedAt: at,
  };
}

/** Most demo seekers look for work; some said they found it, some were paused (no answer to the profile refresh). */
function demoJobSearch(rng: Random, registeredAt: string, now: Date): JobSearch {
  const roll = rng.next();
  const since = Date.parse(registeredAt);
  const later = iso(since + Math.floor(rng.next() * (now.getTime() - since)));
  if (roll < 0.1) return { state: 'placed', confirmedAt: later, placement: { at: later } };
  if (roll < 0.18) return { state: 'paused', pausedAt: later, pausedBy: 'no-answer' };
  return { state: 'active' };
}

export function demoSubscription(i: number, seed = 2026, now: Date = DEFAULT_NOW, seekerCount = 0): Subscription {
  const rng = streamOf(seed, 3, i);
  const job = rng.pick(JOB_TEMPLATES);
  const keywordRoll = rng.next();
  const keywords = keywordRoll < 0.2 ? [] : keywordRoll < 0.7 ? [rng.pick(job.required)] : [job.title, ...rng.sample(job.required, 1)];
  const subscriber = { channel: 'telegram' as const, userId: String(700_000_000 + i) };
  const at = iso(now.getTime() - rng.int(1, 120) * DAY);
  const education = rng.chance(0.5) ? rng.pick(EDUCATION_ORDER) : undefined;
  return {
    id: `demo-sub-${pad(i, 7)}`,
    subscriber,
    subscriberKey: identityKey(subscriber),
    ...(seekerCount > 0 && rng.chance(0.3) ? { seekerId: `demo-s-${pad(rng.int(0, seekerCount - 1), 6)}` } : {}),
    filters: {
      keywords,
      kecamatan: rng.chance(0.5) ? [] : rng.sample(BEKASI_KECAMATAN, rng.int(1, 3)),
      ...(education !== undefined ? { education } : {}),
      jobTypes: rng.chance(0.7) ? [] : [rng.pick(job.types)],
    },
    mode: rng.chance(0.6) ? 'instant' : 'daily',
    locale: rng.chance(0.85) ? 'id' : 'en',
    active: rng.chance(0.95),
    createdAt: at,
    updatedAt: at,
  };
}

/** A deterministic demo set: Bekasi vacancies by estate, seekers typing like in a chat, and alert subscriptions. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const { vacancies = 300, seekers = 40, subscriptions = 40, seed = 2026, now = DEFAULT_NOW } = options;
  const made = Array.from({ length: vacancies }, (_, i) => demoVacancy(i, seed, now));
  return {
    vacancies: made,
    companies: demoCompanies(made, now),
    seekers: Array.from({ length: seekers }, (_, i) => demoSeeker(i, seed, now)),
    subscriptions: Array.from({ length: subscriptions }, (_, i) => demoSubscription(i, seed, now, seekers)),
    programmes: demoProgrammes(now),
  };
}
