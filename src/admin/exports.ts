import { PLACED_STATUSES, type Application, type Seeker } from '../domain/index.js';
import type { Store } from '../store/index.js';
import type { OccupationCoder } from './occupation-code.js';
import { ReadCache } from './read-cache.js';
import { WLPP_COLUMNS, wlppRows } from './wlpp-export.js';

/*
 * Data for the province (Disnakertrans Jawa Barat) and the ministry (Kemnaker), streamed a store
 * page at a time. Seekers are exported only if they agreed to that sharing (`sharingConsentAt`),
 * separately from their consent to be stored; no export holds a chat id or phone number. An
 * application or placement names its seeker only when that seeker agreed too.
 */

export type ExportValue = string | number | boolean | null;
export type ExportRow = Readonly<Record<string, ExportValue>>;

/** What the exports read. */
export interface ExportSource {
  readonly store: Store;
  /** KBJI codes of vacancies (the WLPP export). */
  readonly occupations: OccupationCoder;
  /** The clock deciding which vacancies still take applications (the WLPP export). Default the system clock. */
  readonly now?: () => Date;
}

interface Dataset {
  readonly columns: readonly string[];
  rows(source: ExportSource): AsyncGenerator<ExportRow>;
}

export const EXPORT_DATASETS = {
  seekers: {
    columns: ['id', 'name', 'kecamatan', 'desa', 'ktpBekasi', 'educationLevel', 'educationMajor', 'skills', 'experienceYears', 'certifications', 'wantedPositions', 'wantedJobTypes', 'status', 'registeredAt', 'sharingConsentAt'],
    rows: seekerRows,
  },
  vacancies: {
    columns: ['id', 'title', 'companyId', 'companyName', 'kecamatan', 'estate', 'minEducation', 'minExperienceYears', 'requiredSkills', 'salaryMin', 'salaryMax', 'employmentType', 'quota', 'localQuota', 'status', 'deadline', 'occupationCode', 'source', 'openedAt', 'createdAt'],
    rows: vacancyRows,
  },
  applications: {
    columns: ['id', 'vacancyId', 'companyId', 'seekerId', 'ktpBekasi', 'status', 'appliedAt', 'updatedAt'],
    rows: applicationRows,
  },
  placements: {
    columns: ['applicationId', 'vacancyId', 'companyId', 'companyName', 'title', 'kecamatan', 'estate', 'seekerId', 'ktpBekasi', 'placedAt'],
    rows: placementRows,
  },
  wlpp: { columns: WLPP_COLUMNS, rows: wlppRows },
} as const satisfies Record<string, Dataset>;

export type ExportDataset = keyof typeof EXPORT_DATASETS;
export const EXPORT_DATASET_NAMES = Object.keys(EXPORT_DATASETS) as [ExportDataset, ...ExportDataset[]];

/** Lists inside one cell: `;`-separated, as the import reads them. */
const list = (items: readonly string[]) => items.join(';');

async function* seekerRows({ store }: ExportSource): AsyncGenerator<ExportRow> {
  for await (const seeker of store.seekers.scan()) {
    if (!sharing(seeker)) continue;
    yield {
      id: seeker.id,
      name: seeker.name,
      kecamatan: seeker.domicile.kecamatan,
      desa: seeker.domicile.desa ?? null,
      ktpBekasi: seeker.domicile.ktpBekasi,
      educationLevel: seeker.education.level,
      educationMajor: seeker.education.major ?? null,
      skills: seeker.skills.raw,
      experienceYears: seeker.experience.years,
      certifications: list(seeker.certifications),
      wantedPositions: list(seeker.wantedPositions),
      wantedJobTypes: list(seeker.wantedJobTypes),
      status: seeker.status,
      registeredAt: seeker.createdAt,
      sharingConsentAt: seeker.sharingConsentAt ?? null,
    };
  }
}

async function* vacancyRows({ store }: ExportSource): AsyncGenerator<ExportRow> {
  for await (const v of store.vacancies.scan()) {
    yield {
      id: v.id,
      title: v.title,
      companyId: v.company.id ?? null,
      companyName: v.company.name,
      kecamatan: v.kecamatan,
      estate: v.estate ?? null,
      minEducation: v.minEducation ?? null,
      minExperienceYears: v.minExperienceYears,
      requiredSkills: list(v.requiredSkills),
      salaryMin: v.salaryMin ?? null,
      salaryMax: v.salaryMax ?? null,
      employmentType: v.employmentType,
      quota: v.quota,
      localQuota: v.localQuota,
      status: v.status,
      deadline: v.deadline ?? null,
      occupationCode: v.occupationCode ?? null,
      source: v.source,
      openedAt: v.openedAt ?? null,
      createdAt: v.createdAt,
    };
  }
}

async function* applicationRows({ store }: ExportSource): AsyncGenerator<ExportRow> {
  const consent = new SharingConsent(store);
  for await (const a of store.applications.scan()) {
    yield { id: a.id, vacancyId: a.vacancyId, companyId: a.companyId ?? null, seekerId: await consent.seekerIdOf(a), ktpBekasi: a.ktpBekasi, status: a.status, appliedAt: a.createdAt, updatedAt: a.updatedAt };
  }
}

async function* placementRows({ store }: ExportSource): AsyncGenerator<ExportRow> {
  const consent = new SharingConsent(store);
  const placed = PLACED_STATUSES as readonly string[];
  const vacancies = new ReadCache((id) => store.vacancies.get(id));
  for await (const a of store.applications.scan({ status: { in: [...PLACED_STATUSES] } })) {
    const v = await vacancies.get(a.vacancyId);
    yield {
      applicationId: a.id,
      vacancyId: a.vacancyId,
      companyId: v?.company.id ?? a.companyId ?? null,
      companyName: v?.company.name ?? null,
      title: v?.title ?? null,
      kecamatan: v?.kecamatan ?? null,
      estate: v?.estate ?? null,
      seekerId: await consent.seekerIdOf(a),
      ktpBekasi: a.ktpBekasi,
      placedAt: a.history.findLast((h) => placed.includes(h.status))?.at ?? a.updatedAt,
    };
  }
}

function sharing(seeker: Seeker): boolean {
  return seeker.sharingConsentAt !== undefined;
}

/** Whose seeker id may be named (they agreed to sharing), each seeker read once. */
class SharingConsent {
  private readonly agreed: ReadCache<boolean>;

  constructor(store: Store) {
    this.agreed = new ReadCache(async (id) => {
      const seeker = await store.seekers.get(id);
      return seeker !== undefined && sharing(seeker);
    });
  }

  async seekerIdOf(application: Application): Promise<string | null> {
    const id = application.seekerId;
    return id && (await this.agreed.get(id)) ? id : null;
  }
}
