/** A data file or input record the engine cannot use; `problems` lists every fault found, not just the first. */
export class MatchingDataError extends Error {
  override readonly name = 'MatchingDataError';
  readonly code = 'loker:matching-data-invalid';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`, options);
  }
}
