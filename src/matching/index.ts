/**
 * Matching engine: skill tokenizer, skills dictionary, kecamatan distances, explained scores and
 * two-way in-memory indexes. Pure apart from data-files.ts (reads reference/) and the `match` command.
 */
export { Matcher, type MatcherOptions, type NearbyRequirements, type QueryOptions, type SeekerMatch } from './matcher.js';
export { createDefaultMatcher, defaultDataDir, loadKecamatanTable, loadMajorTable, loadOccupationCodes, loadSkillsDictionary } from './data-files.js';
export { MajorTable } from './majors.js';
export { OccupationCodes, type OccupationCode } from './occupation-codes.js';
export type { Fit, LocalizedText, Match, MatchReason, SkillRelation, SkillRole } from './explain.js';
export type { SubscriptionReason } from './subscription-explain.js';
export { educationAdmits } from './education.js';
export { DEFAULT_SCORING_OPTIONS, withScoringDefaults, type ScoringOptions } from './scoring.js';
export { SkillsDictionary, parseSkillsDictionary, findDictionaryProblems, skillEntrySchema, SKILL_KINDS, type SkillEntry } from './skills-dictionary.js';
export { KecamatanTable, parseKecamatanTable, haversineKm, type Kecamatan, type KecamatanRecord } from './kecamatan.js';
export { SkillTokenizer, FREE_PREFIX, type TokenizedText } from './tokenizer.js';
export { MatchingDataError } from './errors.js';
export { runMatchCommand, type CliIo, type ExplainReasons } from './cli-match.js';
export { readJsonl, parseLine, seekerLineSchema, vacancyLineSchema, toMatchSeeker, toMatchVacancy } from './jsonl.js';
export type { MatchEducationLevel, MatchEmploymentType, MatchLocale, MatchSeeker, MatchSubscription, MatchVacancy } from './types.js';
