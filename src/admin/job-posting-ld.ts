import type { EducationLevel, EmploymentType, Vacancy } from '../domain/index.js';
import { escapeHtml, paragraphsHtml } from './html-text.js';
import { CREDENTIAL_CATEGORIES, SCHEMA_EMPLOYMENT_TYPES } from './job-posting.js';
import type { PublicVacancy } from './public-vacancies.js';

/*
 * A public vacancy as a schema.org `JobPosting` (what Google for Jobs and partner portals read),
 * in the same vocabulary the JSON-LD import reads (job-posting.ts), so the office's feed can be
 * imported back. Only facts about the job and the verified employer: no HR contact, no seeker.
 */

type Json = Record<string, unknown>;

export interface JobPostingTexts {
  /** Heading of the requirements inside the HTML description. */
  readonly requirements: string;
  /** The description when the vacancy has none (Google requires one). */
  readonly noDescription: string;
}

export interface JobPostingOptions {
  /** The vacancy's public page (`<base>/lowongan/<id>`). */
  readonly url: string;
  readonly texts: JobPostingTexts;
}

export function jobPostingOf({ vacancy: v, company, occupationCode }: PublicVacancy, options: JobPostingOptions): Json {
  const posting: Json = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: v.title,
    description: descriptionHtml(v, options.texts),
    identifier: { '@type': 'PropertyValue', name: 'LokerBot', value: v.id },
    datePosted: v.openedAt ?? v.createdAt,
    validThrough: v.deadline,
    employmentType: schemaEmploymentType(v.employmentType),
    hiringOrganization: {
      '@type': 'Organization',
      name: company.name,
      identifier: company.registrationNumber ? { '@type': 'PropertyValue', propertyID: 'NIB', value: company.registrationNumber } : undefined,
    },
    jobLocation: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', streetAddress: v.estate, addressLocality: v.kecamatan, addressRegion: 'Jawa Barat', addressCountry: 'ID' },
    },
    baseSalary: baseSalary(v),
    educationRequirements: v.minEducation ? educationRequirement(v.minEducation) : undefined,
    experienceRequirements: v.minExperienceYears > 0 ? { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: Math.round(v.minExperienceYears * 12) } : undefined,
    qualifications: v.requirements || undefined,
    skills: v.requiredSkills.length > 0 ? v.requiredSkills.join(', ') : undefined,
    occupationalCategory: occupationCode ? { '@type': 'CategoryCode', codeValue: occupationCode, inCodeSet: 'KBJI 2014' } : undefined,
    totalJobOpenings: v.quota,
    directApply: false,
    url: options.url,
  };
  return withoutUndefined(posting);
}

function descriptionHtml(v: Vacancy, texts: JobPostingTexts): string {
  const parts = [paragraphsHtml(v.description || texts.noDescription)];
  if (v.requirements) parts.push(`<h3>${escapeHtml(texts.requirements)}</h3>`, paragraphsHtml(v.requirements));
  return parts.join('\n');
}

function schemaEmploymentType(type: EmploymentType): string {
  return Object.entries(SCHEMA_EMPLOYMENT_TYPES).find(([, ours]) => ours === type)?.[0] ?? 'OTHER';
}

function educationRequirement(level: EducationLevel): Json | string {
  const category = Object.entries(CREDENTIAL_CATEGORIES).find(([, levels]) => levels.includes(level))?.[0];
  return category ? { '@type': 'EducationalOccupationalCredential', credentialCategory: category } : level;
}

function baseSalary(v: Vacancy): Json | undefined {
  if (v.salaryMin === undefined && v.salaryMax === undefined) return undefined;
  return {
    '@type': 'MonetaryAmount',
    currency: 'IDR',
    value: { '@type': 'QuantitativeValue', minValue: v.salaryMin, maxValue: v.salaryMax, unitText: 'MONTH' },
  };
}

/** Drops absent properties, nested ones too, so the JSON-LD carries no nulls. */
function withoutUndefined(value: Json): Json {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' && v !== null && !Array.isArray(v) ? withoutUndefined(v as Json) : v]),
  );
}
