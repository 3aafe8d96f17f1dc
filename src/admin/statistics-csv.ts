import { recordsCsv } from './csv.js';
import type { Statistics } from './statistics.js';

interface Table {
  readonly columns: readonly string[];
  rows(statistics: Statistics): readonly object[];
}

/** Every table of the statistics, by the name its CSV is served under, with its columns. */
export const STATISTICS_TABLES = {
  'seekers-by-kecamatan': { columns: ['kecamatan', 'count'], rows: (s) => s.seekers.byKecamatan },
  'seekers-by-education': { columns: ['education', 'count'], rows: (s) => s.seekers.byEducation },
  'seekers-by-ktp-bekasi': { columns: ['ktpBekasi', 'count'], rows: (s) => s.seekers.byKtpBekasi },
  'seekers-by-job-search': { columns: ['jobSearch', 'count'], rows: (s) => s.seekers.byJobSearch },
  'top-skills': { columns: ['skill', 'name', 'seekers'], rows: (s) => s.seekers.topSkills },
  'vacancies-by-estate': { columns: ['estate', 'vacancies', 'places'], rows: (s) => s.vacancies.byEstate },
  'vacancies-by-sector': { columns: ['sector', 'vacancies', 'places'], rows: (s) => s.vacancies.bySector },
  'vacancies-by-kecamatan': { columns: ['kecamatan', 'vacancies', 'places'], rows: (s) => s.vacancies.byKecamatan },
  weekly: { columns: ['week', 'matches', 'applications', 'placements', 'selfReportedPlacements'], rows: (s) => s.weekly },
  'local-share': { columns: ['year', 'placements', 'selfReported', 'local', 'share', 'target', 'progress'], rows: (s) => [s.localShare] },
  'skill-gap': { columns: ['skill', 'name', 'vacanciesAsking', 'seekersWith', 'vacanciesOpenedUp', 'seekersOneSkillShort'], rows: (s) => s.skillGap },
} as const satisfies Record<string, Table>;

export type StatisticsTable = keyof typeof STATISTICS_TABLES;
export const STATISTICS_TABLE_NAMES = Object.keys(STATISTICS_TABLES) as [StatisticsTable, ...StatisticsTable[]];

/** One table as CSV with its header row (an empty table is the header alone). */
export function statisticsCsv(statistics: Statistics, table: StatisticsTable): string {
  const { columns, rows } = STATISTICS_TABLES[table];
  return recordsCsv(rows(statistics), columns);
}
