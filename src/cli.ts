#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTokenCommand, TOKEN_USAGE } from './admin/token-command.js';
import { importVacancies } from './admin/vacancy-import.js';
import { loadConfig, type Config, type PostingWarningPolicy } from './config/index.js';
import { describeDemo, generateDemo, summarizeDemo } from './demo/index.js';
import { ConfigError, DuplicateError } from './errors/index.js';
import { Locales, matchExplanation } from './conversation/index.js';
import { createDefaultMatcher, runMatchCommand, type CliIo, type ExplainReasons } from './matching/index.js';
import { projectRoot } from './project-root.js';
import { publishStoreChanges } from './runtime/cli-change-feed.js';
import { openStore, type Store } from './store/index.js';

const USAGE = `usage: lokerbot <command> [options]

commands:
  match --vacancies V.jsonl --seekers S.jsonl [--top 10]   rank vacancies for each seeker (JSON lines out)
  import --vacancies FILE.jsonl|FILE.csv|FILE.jsonld       add or update vacancies in the store (JSON-LD: schema.org JobPosting)
  seed-demo [--vacancies 300] [--seekers 40] [--subscriptions 60] [--seed 2026]
                                                           load a realistic Bekasi demo set into the store
${TOKEN_USAGE}

The store is the one the service uses: MONGODB_URI when set, else DATA_DIR/lokerbot.sqlite.`;

async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'match':
      return runMatchCommand(rest, io, explainInBothLanguages());
    case 'import':
      return withStore(io, (store, config) => runImport(store, rest, io, config.admin.postingWarnings, config.umkRupiah), { publishChanges: true });
    case 'seed-demo':
      return withStore(io, (store) => runSeedDemo(store, rest, io), { publishChanges: true });
    case 'token':
      return withStore(io, (store) => runTokenCommand(store, rest, io));
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

/** The chat's own words for a match's reasons, in Indonesian and English. */
function explainInBothLanguages(): ExplainReasons {
  const locales = Locales.load(path.join(projectRoot(), 'locales'));
  return (reasons) => ({
    id: matchExplanation(reasons, 'id', (key, params) => locales.t('id', key, params)),
    en: matchExplanation(reasons, 'en', (key, params) => locales.t('en', key, params)),
  });
}

/** Runs `run` on the service's store; with `publishChanges`, running processes hear of its writes at once. */
async function withStore(io: CliIo, run: (store: Store, config: Config) => Promise<number>, options: { publishChanges?: boolean } = {}): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) io.stderr.write(`config error: ${problem}\n`);
    return 1;
  }
  const store = await openStore({ mongodbUri: config.mongodbUri, dataDir: config.dataDir });
  const published = options.publishChanges
    ? await publishStoreChanges(store, { redisUrl: config.redisUrl, dataDir: config.dataDir, reconcileSeconds: config.indexReconcileSeconds, stderr: io.stderr })
    : () => Promise.resolve();
  try {
    return await run(store, config);
  } finally {
    await published();
    await store.close();
  }
}

async function runImport(store: Store, argv: string[], io: CliIo, policy: PostingWarningPolicy, umkRupiah: number): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { vacancies: { type: 'string' } }, strict: true });
  if (!values.vacancies) {
    io.stderr.write(`import: --vacancies FILE is required\n${USAGE}\n`);
    return 2;
  }
  const matcher = createDefaultMatcher();
  const file = values.vacancies;
  const report = await importVacancies(store, file, {
    normalizeKecamatan: (text) => matcher.kecamatan.lookup(text)?.name,
    policy,
    umkRupiah,
    actor: 'cli',
    progressEvery: 1000,
    onProgress: (r, read) => void io.stderr.write(`import: ${read} rows read (${r.created} created, ${r.updated} updated, ${r.skipped} skipped)\n`),
    onProblem: (problem) => void io.stderr.write(`${file} line ${problem.row}: ${problem.message}\n`),
  });
  for (const row of report.warnings) {
    const words = row.warnings.map((w) => (w.words ? `${w.code} "${w.words}"` : w.code)).join(', ');
    io.stderr.write(`${file} line ${row.row}: warning: ${words}${row.heldAsDraft ? ' (kept as a draft: give overrideReason to open it)' : ''}\n`);
  }
  for (const row of report.flaggedRows) {
    const reasons = row.reasons.map((r) => (r.words ? `${r.code} "${r.words}"` : r.code)).join(', ');
    io.stderr.write(`${file} line ${row.row}: flagged for review (kept as a draft until staff approve it): ${reasons}\n`);
  }
  io.stdout.write(`${JSON.stringify({ created: report.created, updated: report.updated, skipped: report.skipped, heldAsDraft: report.heldAsDraft, flagged: report.flagged })}\n`);
  return 0;
}

async function runSeedDemo(store: Store, argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { vacancies: { type: 'string' }, seekers: { type: 'string' }, subscriptions: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Math.max(0, Math.min(100_000, Number(value) || 0)));
  const demo = generateDemo({
    vacancies: count(values.vacancies, 300),
    seekers: count(values.seekers, 40),
    subscriptions: count(values.subscriptions, 60),
    seed: count(values.seed, 2026),
    now: new Date(),
  });
  const matcher = createDefaultMatcher();
  let alreadyThere = 0;
  /** Creates each record, keeping those that were new; one already there is left as it is. */
  const insert = async <T>(records: readonly T[], create: (record: T) => Promise<unknown>): Promise<T[]> => {
    const created: T[] = [];
    for (const record of records) {
      try {
        await create(record);
        created.push(record);
      } catch (error) {
        if (!(error instanceof DuplicateError)) throw error;
        alreadyThere++;
      }
    }
    return created;
  };
  const companies = await insert(demo.companies, (company) => store.companies.create(company));
  const vacancies = await insert(demo.vacancies, (vacancy) => store.vacancies.create(vacancy));
  const seekers = await insert(demo.seekers, (seeker) => store.seekers.create({ ...seeker, skills: { ...seeker.skills, ids: matcher.canonicalSkills(seeker.skills.raw) } }));
  const subscriptions = await insert(demo.subscriptions, (subscription) => store.subscriptions.create(subscription));
  const programmes = await insert(demo.programmes, (programme) => store.trainingProgrammes.create(programme));
  const summary = summarizeDemo({ vacancies, companies, seekers: seekers.length, subscriptions, programmes }, alreadyThere, new Date());
  for (const line of describeDemo(summary)) io.stderr.write(`seed-demo: ${line}\n`);
  io.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`lokerbot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
