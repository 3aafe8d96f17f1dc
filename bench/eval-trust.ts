/**
 * `npm run eval:trust [-- --set dev|test] [--errors]`: how well the fee and scam detector tells
 * fraud from honest postings on the labelled sets of test/fixtures/trust-postings (dev is
 * developed on; test is held out and only measured). Prints, per set, precision, recall and the
 * false-positive rate, then per reason the fraud and honest postings it fired on; `--errors`
 * lists the dev set's misses and false alarms (never the held-out set's: it is not tuned on).
 */
import { fmt, table } from './harness.js';
import { loadPostings, scoreSet, TRUST_SETS, type TrustSetName } from './trust-eval-core.js';

const setFlag = process.argv.indexOf('--set');
const only = setFlag >= 0 ? process.argv[setFlag + 1] : undefined;
if (only !== undefined && !(only in TRUST_SETS)) {
  console.error(`--set must be one of: ${Object.keys(TRUST_SETS).join(', ')}`);
  process.exit(2);
}

console.log(`fee and scam detector · ${new Date().toISOString()}`);
for (const set of (only !== undefined ? [only] : Object.keys(TRUST_SETS)) as TrustSetName[]) {
  const s = scoreSet(loadPostings(set));
  console.log(`\n${TRUST_SETS[set]} · ${s.postings} postings · ${s.fraud} fraud, ${s.honest} honest`);
  console.log(
    table(
      ['precision', 'recall', 'false-positive rate', 'flagged fraud', 'flagged honest'],
      [[fmt(s.precision, 3), fmt(s.recall, 3), fmt(s.falsePositiveRate, 3), `${s.flaggedFraud}/${s.fraud}`, `${s.flaggedHonest}/${s.honest}`]],
    ),
  );
  console.log('\nper reason: postings it fired on');
  console.log(table(['reason', 'fraud', 'honest'], s.perReason.map((r) => [r.code, String(r.fraud), String(r.honest)])));
  if (set !== 'dev' || !process.argv.includes('--errors')) continue;
  for (const { posting, assessment } of s.errors) {
    const why = assessment.reasons.map((r) => `${r.code}${r.words ? `(${r.words})` : ''}`).join(', ') || 'nothing found';
    console.log(`${posting.id} ${posting.label} ${assessment.flagged ? 'flagged' : 'missed'} (score ${assessment.score}): ${why}`);
  }
}
