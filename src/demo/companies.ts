import type { Company, Vacancy } from '../domain/index.js';
import { Random } from './random.js';

/** One demo company in this many is left unverified, so the chat shows both marks. */
const UNVERIFIED_EVERY = 6;

/** The name's letters as a number, so a company's made-up facts stay the same across runs and counts. */
function nameSeed(id: string): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/**
 * The companies the demo vacancies name, with a made-up NIB, an address where their first vacancy
 * is, and an HR contact; all but about one in {@link UNVERIFIED_EVERY} verified by "Disnaker (demo)".
 */
export function demoCompanies(vacancies: readonly Vacancy[], now: Date): Company[] {
  const byId = new Map<string, Vacancy>();
  for (const v of vacancies) if (v.company.id && !byId.has(v.company.id)) byId.set(v.company.id, v);
  const at = now.toISOString();
  return [...byId.entries()].map(([id, vacancy]) => {
    const rng = new Random(nameSeed(id));
    const slug = id.replace(/^demo-co-/, '').replace(/-(indonesia|utama|perkasa|abadi|makmur|jaya|mandiri|sentosa)$/, '');
    const verified = rng.int(1, UNVERIFIED_EVERY) !== 1;
    return {
      id,
      name: vacancy.company.name,
      registrationNumber: String(rng.int(1, 9)) + Array.from({ length: 12 }, () => String(rng.int(0, 9))).join(''),
      address: `${vacancy.estate ? `Kawasan ${vacancy.estate}, ` : ''}Jl. Industri ${rng.int(1, 40)} No. ${rng.int(1, 120)}, Kec. ${vacancy.kecamatan}, Kabupaten Bekasi`,
      hrContact: { name: 'HRD', email: `hrd@${slug}.example` },
      ...(verified ? { verification: { verifiedBy: 'Disnaker (demo)', verifiedAt: at, note: 'demo data: NIB, address and HR contact made up' } } : {}),
      createdAt: at,
      updatedAt: at,
    };
  });
}
