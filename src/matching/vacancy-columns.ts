import type { VacancyFeatures } from './features.js';
import type { FactorVacancy, Gate } from './scoring.js';

/**
 * The per-vacancy facts the forward query reads for every candidate, kept column by column in
 * typed arrays indexed by slot. Scoring a candidate used to read its VacancyFeatures object; with
 * thousands of candidates a query, those scattered objects (a cache miss each, and the pointer
 * chase before it) were half of the query time. The feature objects stay the source of truth for
 * explanations; `set` copies what scoring needs when a vacancy is stored.
 */
export class VacancyColumns {
  norm = new Float64Array(0);
  requiredCount = new Int32Array(0);
  minEducation = new Int8Array(0);
  minYears = new Float64Array(0);
  /** 1 when the vacancy has a local (Bekasi KTP) quota. */
  local = new Uint8Array(0);
  /** NaN when unknown, as in VacancyFeatures. */
  openedAtMs = new Float64Array(0);
  /** +Infinity when there is no deadline. */
  deadlineMs = new Float64Array(0);
  /** Kecamatan index, -1 when unknown. */
  kecamatan = new Int16Array(0);
  /** 1 when the title names an occupation. */
  titled = new Uint8Array(0);
  jobTypeBit = new Uint8Array(0);
  /** 0 when not given. */
  salaryMax = new Float64Array(0);
  /** 1 when the posting asks for shift work. */
  requiresShift = new Uint8Array(0);
  /** 1 when only Kabupaten Bekasi KTP holders may apply. */
  ktpOnly = new Uint8Array(0);
  /**
   * What each vacancy requires as a must besides skills, as an index into `gates` (0: nothing).
   * Equal requirements share an index, so a query judges each once.
   */
  gate = new Uint32Array(0);
  readonly gates: Gate[] = [{ credentials: [], majors: [] }];
  private readonly gateIds = new Map<string, number>([[' | ', 0]]);
  /** Highest kecamatan index stored so far: a query's distance row covers 0..maxKecamatan. */
  maxKecamatan = -1;

  /** Copies the factor inputs of `slot` into `into`, a reused object: no allocation per candidate. */
  read(slot: number, into: FactorVacancy): FactorVacancy {
    into.requiredCount = this.requiredCount[slot]!;
    into.minEducation = this.minEducation[slot]!;
    into.minYears = this.minYears[slot]!;
    into.local = this.local[slot] === 1;
    into.openedAtMs = this.openedAtMs[slot]!;
    into.titled = this.titled[slot] === 1;
    into.jobTypeBit = this.jobTypeBit[slot]!;
    into.salaryMax = this.salaryMax[slot]!;
    into.requiresShift = this.requiresShift[slot] === 1;
    into.ktpOnly = this.ktpOnly[slot] === 1;
    return into;
  }

  /** Slots that fit without growing. */
  get capacity(): number {
    return this.norm.length;
  }

  set(slot: number, f: VacancyFeatures): void {
    if (slot >= this.capacity) this.grow(slot + 1);
    this.norm[slot] = f.norm;
    this.requiredCount[slot] = f.requiredCount;
    this.minEducation[slot] = f.minEducation;
    this.minYears[slot] = f.minYears;
    this.local[slot] = f.local ? 1 : 0;
    this.openedAtMs[slot] = f.openedAtMs;
    this.deadlineMs[slot] = f.deadlineMs;
    this.kecamatan[slot] = f.kecamatan;
    this.titled[slot] = f.titled ? 1 : 0;
    this.jobTypeBit[slot] = f.jobTypeBit;
    this.salaryMax[slot] = f.salaryMax;
    this.requiresShift[slot] = f.requiresShift ? 1 : 0;
    this.ktpOnly[slot] = f.ktpOnly ? 1 : 0;
    this.gate[slot] = this.gateOf(f);
    if (f.kecamatan > this.maxKecamatan) this.maxKecamatan = f.kecamatan;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.capacity * 2, 1024);
    this.norm = copied(this.norm, new Float64Array(size));
    this.requiredCount = copied(this.requiredCount, new Int32Array(size));
    this.minEducation = copied(this.minEducation, new Int8Array(size));
    this.minYears = copied(this.minYears, new Float64Array(size));
    this.local = copied(this.local, new Uint8Array(size));
    this.openedAtMs = copied(this.openedAtMs, new Float64Array(size));
    this.deadlineMs = copied(this.deadlineMs, new Float64Array(size));
    this.kecamatan = copied(this.kecamatan, new Int16Array(size));
    this.titled = copied(this.titled, new Uint8Array(size));
    this.jobTypeBit = copied(this.jobTypeBit, new Uint8Array(size));
    this.salaryMax = copied(this.salaryMax, new Float64Array(size));
    this.requiresShift = copied(this.requiresShift, new Uint8Array(size));
    this.ktpOnly = copied(this.ktpOnly, new Uint8Array(size));
    this.gate = copied(this.gate, new Uint32Array(size));
  }

  private gateOf({ credentials, majors }: Gate): number {
    const key = `${[...credentials].sort().join(' ')} | ${[...majors].sort().join(' ')}`;
    let id = this.gateIds.get(key);
    if (id === undefined) {
      id = this.gates.length;
      this.gates.push({ credentials, majors });
      this.gateIds.set(key, id);
    }
    return id;
  }
}

function copied<T extends { set(source: ArrayLike<number>): void }>(from: ArrayLike<number>, to: T): T {
  to.set(from);
  return to;
}
