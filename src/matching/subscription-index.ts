import type { SubscriptionFeatures, VacancyFeatures } from './features.js';
import { IntList } from './int-list.js';
import { MAX_EDUCATION_RANK } from './education.js';

const JOB_MASKS = 16;
const EDU_KEYS = MAX_EDUCATION_RANK + 1;
/** Compact when this share of posting entries points at removed subscriptions. */
const GARBAGE_RATIO = 0.25;

/**
 * Reverse index for alerts, sized for a million subscriptions. Every subscription is an integer
 * slot with its filters in typed arrays. Subscriptions with keywords sit in postings by keyword
 * term; those without keywords sit in buckets keyed by (kecamatan, job-type mask, education), so a
 * vacancy collects them whole without scanning. Removal leaves a tombstone that queries skip;
 * postings are compacted once tombstones pile up, which keeps edits O(1).
 */
export class SubscriptionIndex {
  private readonly slotOf = new Map<string, number>();
  private ids: string[] = [];
  private alive = new Uint8Array(1024);
  private education = new Uint8Array(1024);
  private jobTypes = new Uint8Array(1024);
  private entries = new Uint8Array(1024);
  private seen = new Uint32Array(1024);
  private epoch = 0;
  private hasPlaces = new Uint8Array(1024);
  /** `placeWords` words per slot; bit k set: kecamatan k is in the slot's filter. */
  private placeBits: Uint32Array;
  private readonly placeWords: number;
  private readonly termIds = new Map<string, number>();
  private readonly postings: IntList[] = [];
  private readonly buckets: (IntList | undefined)[];
  private readonly freeSlots: number[] = [];
  private tombstones: number[] = [];
  private garbageEntries = 0;
  private liveEntries = 0;

  constructor(kecamatanCount: number) {
    this.placeWords = Math.ceil(Math.max(1, kecamatanCount) / 32);
    this.placeBits = new Uint32Array(1024 * this.placeWords);
    this.buckets = new Array<IntList | undefined>((kecamatanCount + 1) * JOB_MASKS * EDU_KEYS);
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(f: SubscriptionFeatures): void {
    this.remove(f.id);
    if (!f.active) return;
    const slot = this.freeSlots.pop() ?? this.ids.length;
    if (slot >= this.alive.length) this.grow(slot + 1);
    this.ids[slot] = f.id;
    this.slotOf.set(f.id, slot);
    this.alive[slot] = 1;
    this.education[slot] = f.education;
    this.jobTypes[slot] = f.jobTypes;
    this.setPlaces(slot, f.kecamatan);
    const lists = f.terms.length > 0 ? f.terms.map((t) => this.posting(t)) : this.bucketsFor(f);
    for (const list of lists) list.push(slot);
    this.entries[slot] = Math.min(255, lists.length);
    this.liveEntries += lists.length;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.tombstones.push(slot);
    this.garbageEntries += this.entries[slot]!;
    if (this.garbageEntries > GARBAGE_RATIO * Math.max(1024, this.liveEntries)) this.compact();
    return true;
  }

  /** Ids of every active subscription whose filters the vacancy satisfies. */
  matching(v: VacancyFeatures): string[] {
    const out: string[] = [];
    const epoch = this.nextEpoch();
    for (const term of v.alertTerms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const list = this.postings[id]!;
      for (let i = 0; i < list.length; i++) {
        const slot = list.data[i]!;
        if (this.seen[slot] === epoch) continue;
        this.seen[slot] = epoch;
        if (this.accepts(slot, v)) out.push(this.ids[slot]!);
      }
    }
    this.collectBuckets(v, out);
    return out;
  }

  private accepts(slot: number, v: VacancyFeatures): boolean {
    if (this.alive[slot] === 0) return false;
    const edu = this.education[slot]!;
    if (edu !== 0 && edu < v.minEducation) return false;
    const jobs = this.jobTypes[slot]!;
    if (jobs !== 0 && (jobs & v.jobTypeBit) === 0) return false;
    if (this.hasPlaces[slot] === 0) return true;
    if (v.kecamatan < 0) return false;
    const word = this.placeBits[slot * this.placeWords + (v.kecamatan >> 5)]!;
    return ((word >>> (v.kecamatan & 31)) & 1) === 1;
  }

  /** Keyword-free subscriptions: whole buckets whose key the vacancy satisfies. */
  private collectBuckets(v: VacancyFeatures, out: string[]): void {
    const kecKeys = v.kecamatan >= 0 ? [0, v.kecamatan + 1] : [0];
    for (const kecKey of kecKeys) {
      for (let mask = 0; mask < JOB_MASKS; mask++) {
        if (mask !== 0 && (mask & v.jobTypeBit) === 0) continue;
        for (let edu = 0; edu < EDU_KEYS; edu++) {
          if (edu !== 0 && edu < v.minEducation) continue;
          const list = this.buckets[(kecKey * JOB_MASKS + mask) * EDU_KEYS + edu];
          if (list === undefined) continue;
          for (let i = 0; i < list.length; i++) {
            const slot = list.data[i]!;
            if (this.alive[slot] === 1) out.push(this.ids[slot]!);
          }
        }
      }
    }
  }

  private bucketsFor(f: SubscriptionFeatures): IntList[] {
    const kecKeys = f.kecamatan === undefined ? [0] : f.kecamatan.map((k) => k + 1);
    return kecKeys.map((kecKey) => {
      const key = (kecKey * JOB_MASKS + f.jobTypes) * EDU_KEYS + f.education;
      return (this.buckets[key] ??= new IntList(4));
    });
  }

  private setPlaces(slot: number, kecamatan: readonly number[] | undefined): void {
    const base = slot * this.placeWords;
    this.placeBits.fill(0, base, base + this.placeWords);
    this.hasPlaces[slot] = kecamatan === undefined ? 0 : 1;
    for (const k of kecamatan ?? []) this.placeBits[base + (k >> 5)]! |= 1 << (k & 31);
  }

  private posting(term: string): IntList {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.postings.length;
      this.termIds.set(term, id);
      this.postings.push(new IntList(2));
    }
    return this.postings[id]!;
  }

  /** Drops tombstoned slots from every list, then lets their slots be reused. */
  private compact(): void {
    const keep = (slot: number): boolean => this.alive[slot] === 1;
    let live = 0;
    for (const list of [...this.postings, ...this.buckets]) {
      if (list === undefined) continue;
      list.filter(keep);
      live += list.length;
    }
    this.liveEntries = live;
    this.garbageEntries = 0;
    this.freeSlots.push(...this.tombstones);
    this.tombstones = [];
  }

  private grow(min: number): void {
    const size = Math.max(min, this.alive.length * 2);
    const grow8 = (a: Uint8Array): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.alive = grow8(this.alive);
    this.education = grow8(this.education);
    this.jobTypes = grow8(this.jobTypes);
    this.entries = grow8(this.entries);
    this.hasPlaces = grow8(this.hasPlaces);
    const bits = new Uint32Array(size * this.placeWords);
    bits.set(this.placeBits);
    this.placeBits = bits;
    const seen = new Uint32Array(size);
    seen.set(this.seen);
    this.seen = seen;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}
