import { EDUCATION_LEVELS, EMPLOYMENT_TYPES, type EducationLevel, type EmploymentType } from '../domain/index.js';

/*
 * schema.org `JobPosting` (JSON-LD, as job boards and company career pages publish it) → one
 * import row (vacancy-import.ts validates it like a CSV row). Only what LokerBot keeps is read;
 * anything missing is simply not given, and a value that cannot be read is a row problem naming
 * the property, so a board's export is imported as far as it goes.
 */

type Json = Record<string, unknown>;

/** A JobPosting as an import row, or why it cannot be one. */
export type JobPostingRow = { readonly row: Json } | { readonly problem: string };

/** A ListItem's `item`, or the value itself (an ItemList may list JobPostings directly). */
export function unwrapListItem(value: unknown): unknown {
  return isObject(value) && typeOf(value) === 'ListItem' && 'item' in value ? value.item : value;
}

/**
 * Maps one JobPosting. `findKecamatan` picks the kecamatan out of the address texts (locality,
 * region, street), since boards write "Cikarang Utara, Kabupaten Bekasi" in any of them.
 */
export function jobPostingToRow(value: unknown, findKecamatan: (text: string) => string | undefined): JobPostingRow {
  if (!isObject(value)) return { problem: 'not a JSON object' };
  if (typeOf(value) !== 'JobPosting') return { problem: `@type: expected "JobPosting", got ${JSON.stringify(value['@type'] ?? null)}` };
  const organization = value.hiringOrganization;
  const company = isObject(organization) ? text(organization.name) : text(organization);
  const salary = readSalary(value.baseSalary);
  if ('problem' in salary) return salary;
  const row: Json = {
    id: identifier(value.identifier),
    title: text(value.title),
    company,
    companyId: isObject(organization) ? identifier(organization.identifier) : undefined,
    description: plainText(text(value.description)),
    requirements: [value.qualifications, value.responsibilities].map((v) => plainText(text(v))).filter(Boolean).join('\n') || undefined,
    requiredSkills: list(value.skills),
    minEducation: education(value.educationRequirements),
    minExperienceYears: experienceYears(value.experienceRequirements),
    kecamatan: kecamatanOf(value.jobLocation, findKecamatan),
    salaryMin: salary.min,
    salaryMax: salary.max,
    employmentType: employmentType(value.employmentType),
    quota: typeof value.totalJobOpenings === 'number' ? value.totalJobOpenings : undefined,
    deadline: text(value.validThrough),
    occupationCode: occupationCode(value.occupationalCategory),
  };
  return { row: Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== '')) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: Json): string | undefined {
  const type = value['@type'];
  const name = Array.isArray(type) ? type.find((t) => typeof t === 'string') : type;
  return typeof name === 'string' ? name.replace(/^(?:https?:\/\/)?schema\.org\//, '') : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (isObject(value)) return text(value.name ?? value.value ?? value['@value']);
  return undefined;
}

/** A PropertyValue's `value` (its `name` says whose id it is), or the id as text. */
function identifier(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return isObject(first) ? text(first.value ?? first['@value']) : text(first);
}

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(text) : (text(value) ?? '').split(/[,;|\n]/);
  return items.map((s) => s?.trim() ?? '').filter(Boolean);
}

/** Board descriptions are HTML: tags become line breaks or nothing, the common entities their characters. */
function plainText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  return html
    .replace(/<\s*(?:br|\/p|\/li|\/div)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Google's `credentialCategory` words and the levels each stands for: read as the first, written
 * for any of them. Levels without one (SD, SMP, D1, D2) are written as their own name.
 */
export const CREDENTIAL_CATEGORIES: Readonly<Record<string, readonly [EducationLevel, ...EducationLevel[]]>> = {
  'high school': ['SMA', 'SMK'],
  'associate degree': ['D3'],
  'bachelor degree': ['S1', 'D4'],
  'postgraduate degree': ['S2', 'S3'],
};

function education(value: unknown): EducationLevel | undefined {
  const category = isObject(value) ? text(value.credentialCategory) : text(value);
  if (!category) return undefined;
  const known = CREDENTIAL_CATEGORIES[category.toLowerCase()]?.[0];
  if (known) return known;
  // "Minimal SMK", "S1 Teknik": the level as Indonesian postings name it.
  return EDUCATION_LEVELS.find((level) => new RegExp(`\\b${level}\\b`, 'i').test(category));
}

function experienceYears(value: unknown): number | undefined {
  const months = isObject(value) ? value.monthsOfExperience : undefined;
  return typeof months === 'number' ? Math.round((months / 12) * 10) / 10 : undefined;
}

/** schema.org `employmentType` values and ours: read as given, written as the first that names ours. */
export const SCHEMA_EMPLOYMENT_TYPES: Readonly<Record<string, EmploymentType>> = {
  FULL_TIME: 'PKWTT',
  TEMPORARY: 'PKWT',
  CONTRACTOR: 'PKWT',
  INTERN: 'magang',
  PER_DIEM: 'harian',
};

function employmentType(value: unknown): EmploymentType | undefined {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'string') continue;
    const own = EMPLOYMENT_TYPES.find((t) => t.toLowerCase() === item.toLowerCase());
    if (own) return own;
    const mapped = SCHEMA_EMPLOYMENT_TYPES[item.toUpperCase()];
    if (mapped) return mapped;
  }
  return undefined;
}

function occupationCode(value: unknown): string | undefined {
  const code = isObject(value) ? text(value.codeValue) : text(value);
  return /^\d{1,6}/.exec(code ?? '')?.[0];
}

function kecamatanOf(location: unknown, findKecamatan: (text: string) => string | undefined): string | undefined {
  const places = Array.isArray(location) ? location : [location];
  const candidates: string[] = [];
  for (const place of places) {
    if (!isObject(place)) continue;
    const address = place.address;
    if (isObject(address)) {
      for (const key of ['addressLocality', 'addressRegion', 'streetAddress']) {
        const value = text(address[key]);
        if (value) candidates.push(value, ...value.split(',').map((part) => part.trim()));
      }
    } else if (typeof address === 'string') candidates.push(address, ...address.split(',').map((part) => part.trim()));
  }
  for (const candidate of candidates) {
    const found = findKecamatan(candidate);
    if (found) return found;
  }
  // Reported by the row check as not a kecamatan we know, with what the posting said.
  return candidates[0];
}

function readSalary(value: unknown): { min?: number; max?: number } | { problem: string } {
  if (!isObject(value)) return {};
  const currency = text(value.currency);
  if (currency && currency.toUpperCase() !== 'IDR') return { problem: `baseSalary.currency: only rupiah (IDR) is kept, got ${currency}` };
  const amount = value.value;
  const quantity = isObject(amount) ? amount : { value: amount };
  const unit = (text(quantity.unitText) ?? 'MONTH').toUpperCase();
  if (unit !== 'MONTH' && unit !== 'YEAR') return { problem: `baseSalary.value.unitText: a monthly (MONTH) or yearly (YEAR) salary is kept, got ${unit}` };
  const perMonth = (n: unknown) => (typeof n === 'number' ? Math.round(unit === 'YEAR' ? n / 12 : n) : undefined);
  const single = perMonth(quantity.value);
  return { min: perMonth(quantity.minValue) ?? single, max: perMonth(quantity.maxValue) ?? single };
}
