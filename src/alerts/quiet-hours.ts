/** Western Indonesia Time: UTC+7 all year (no daylight saving). */
const WIB_OFFSET_MINUTES = 7 * 60;
const DAY_MINUTES = 24 * 60;

/** The minute of the WIB day (0–1439) at `at`. */
export function wibMinuteOfDay(at: Date): number {
  const utcMinutes = Math.floor(at.getTime() / 60_000);
  return (((utcMinutes + WIB_OFFSET_MINUTES) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/**
 * How long an instant alert sent at `at` must wait for the end of the quiet hours (0 outside them).
 * A window may cross midnight (21:00–06:00): then it is quiet from its start to midnight and from
 * midnight to its end. An empty window (start = end) is never quiet.
 */
export function quietDelayMs(at: Date, quiet: { readonly startMinute: number; readonly endMinute: number } | undefined): number {
  if (!quiet || quiet.startMinute === quiet.endMinute) return 0;
  const now = wibMinuteOfDay(at);
  const { startMinute: start, endMinute: end } = quiet;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return 0;
  const minutesLeft = (end - now + DAY_MINUTES) % DAY_MINUTES;
  // To the start of the end minute, less the seconds already gone in this one.
  return minutesLeft * 60_000 - (at.getTime() % 60_000);
}

/** `yyyymmdd` of the WIB day at `at`, for ids that are one per day. */
export function wibDay(at: Date): string {
  return new Date(at.getTime() + WIB_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
}
