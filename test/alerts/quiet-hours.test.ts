import { describe, expect, it } from 'vitest';
import { quietDelayMs, wibDay, wibMinuteOfDay } from '../../src/alerts/quiet-hours.js';

const NIGHT = { startMinute: 21 * 60, endMinute: 6 * 60 };
/** A moment given in WIB (UTC+7). */
const wib = (clock: string, day = '2026-12-01') => new Date(`${day}T${clock}:00+07:00`);

describe('quiet hours (WIB)', () => {
  it.each([
    ['20:59', 0],
    ['21:00', 9 * 60],
    ['23:30', 6 * 60 + 30],
    ['00:00', 6 * 60],
    ['05:59', 1],
    ['06:00', 0],
    ['12:00', 0],
  ])('at %s an instant alert waits %i minutes for 06:00', (clock, minutes) => {
    expect(quietDelayMs(wib(clock), NIGHT)).toBe(minutes * 60_000);
  });

  it('counts the seconds already gone in the current minute', () => {
    expect(quietDelayMs(new Date('2026-12-01T23:30:45+07:00'), NIGHT)).toBe((6 * 60 + 30) * 60_000 - 45_000);
  });

  it('handles a window inside one day, and no window at all', () => {
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(quietDelayMs(wib('12:15'), lunch)).toBe(45 * 60_000);
    expect(quietDelayMs(wib('13:00'), lunch)).toBe(0);
    expect(quietDelayMs(wib('23:00'), undefined)).toBe(0);
    expect(quietDelayMs(wib('23:00'), { startMinute: 600, endMinute: 600 })).toBe(0);
  });

  it('reads the WIB day and minute whatever the server time zone', () => {
    // 18:30 UTC is already the next day in Bekasi.
    const at = new Date('2026-12-01T18:30:00Z');
    expect(wibMinuteOfDay(at)).toBe(90);
    expect(wibDay(at)).toBe('20261202');
  });
});
