import { readYesNo, splitItems } from './answer-words.js';
import { fail, ok, type ParseInput, type ParseResult, type ResolvedChoice } from './parse-result.js';

/** The choice that takes every kecamatan an ambiguous word matches ("semua Cikarang"), followed by that word. */
const ALL_PREFIX = 'all:';

/**
 * A kecamatan: its name (typos forgiven, as the matcher reads it), an alias, or its number in the
 * help list. A word several kecamatan begin with ("cikarang", "tambun") is not refused: those
 * kecamatan are offered as choices (and, where the step takes several, all of them at once). A
 * `multiple` step takes several in one answer ("Cikarang Utara, Cikarang Selatan dan Setu") and
 * saves the list; there an ambiguous word among others stands for all the kecamatan it matches.
 */
export function readKecamatan(text: string, input: ParseInput): ParseResult {
  const { step, services, choiceId } = input;
  if (choiceId !== undefined) {
    const picked = pickedKecamatan(choiceId, input);
    if (picked) return ok(step.multiple ? picked : picked[0]);
  }
  const items = step.multiple ? splitItems(text.replace(/\s+(?:dan|and|&)\s+/gi, ',')) : [text];
  const found: string[] = [];
  for (const item of items) {
    const name = /^\d{1,2}$/.test(item) ? services.kecamatanNames()[Number(item) - 1] : services.findKecamatan(item);
    const candidates = name ? [name] : services.kecamatanCandidates(item);
    if (candidates.length === 0) return fail(items.length > 1 ? 'error.kecamatan-item' : 'error.kecamatan', { item: item.slice(0, 40) });
    if (candidates.length > 1 && items.length === 1) return fail('error.kecamatan-which', { item }, offer(item, candidates, input));
    found.push(...candidates);
  }
  // A subscription filter holds at most 30 kecamatan (subscription schema).
  const unique = [...new Set(found)].slice(0, step.max ?? 30);
  return ok(step.multiple ? unique : unique[0]);
}

/** The kecamatan an answer could mean, as choices; on a step that takes several, "all of them" too. */
function offer(typed: string, candidates: readonly string[], { step, t }: ParseInput): ResolvedChoice[] {
  const choices = candidates.slice(0, 8).map((name) => ({ id: name, label: name }));
  if (step.multiple) choices.push({ id: `${ALL_PREFIX}${typed.toLowerCase()}`, label: t ? t('kecamatan.all', { n: candidates.length }) : 'all' });
  return choices;
}

/** A pressed (or typed) choice of `offer`: one kecamatan by its name, or all that a word matches. */
function pickedKecamatan(choiceId: string, { services }: ParseInput): string[] | undefined {
  if (choiceId.startsWith(ALL_PREFIX)) {
    const all = services.kecamatanCandidates(choiceId.slice(ALL_PREFIX.length));
    return all.length > 0 ? [...all] : undefined;
  }
  return services.findKecamatan(choiceId) === choiceId ? [choiceId] : undefined;
}

/** What a place name is written with: letters, digits (RT/RW), spaces and a little punctuation. */
const PLACE_NAME = /^[\p{L}\p{M}\p{N}\s.,'’()/-]+$/u;

/**
 * A desa or kelurahan of the kecamatan answered before: checked against that kecamatan's list
 * where it is known (Kabupaten Bekasi) and saved as the list spells it; elsewhere any answer that
 * reads as a place name. "ya", "ok" or digits alone are never a desa.
 */
export function readDesa(text: string, { step, services, data }: ParseInput): ParseResult {
  const max = step.max ?? 60;
  if (!/\p{L}/u.test(text) || !PLACE_NAME.test(text) || readYesNo(text) !== undefined) return fail('error.desa-name');
  if (text.length > max) return fail('error.too-long', { max });
  const kecamatan = typeof data?.kecamatan === 'string' ? data.kecamatan : undefined;
  const known = kecamatan !== undefined ? services.desaOf(kecamatan) : undefined;
  if (kecamatan === undefined || known === undefined) return ok(text);
  const desa = services.findDesa(kecamatan, text);
  return desa ? ok(desa) : fail('error.desa-unknown', { kecamatan, list: known.join(', ') });
}
