/**
 * Calendar days in a time zone (server/src/services/overview/days.ts): the window's days, the instant
 * each begins, and the day of each quarter hour, against Intl's own answer, in zones with clock changes
 * (some at midnight) and offsets of half and quarter hours.
 */
import { addDays, dayWindow, QUARTER_HOUR_MS, zoneClock } from '../../server/src/services/overview/days';

const ZONES = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const formats = new Map<string, Intl.DateTimeFormat>();
const intlDay = (ms: number, timeZone: string) => {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return formats.get(timeZone)!.format(ms);
};

describe('calendar days in a time zone', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', -89)).toBe('2025-12-30');
  });

  it.each(ZONES)('finds where each of 400 days begins in %s, clock changes included', (tz) => {
    const clock = zoneClock(tz);
    let day = '2025-01-01';
    for (let i = 0; i < 400; i += 1, day = addDays(day, 1)) {
      const start = clock.startOf(day);
      expect(intlDay(start, tz)).toBe(day);
      // The instant before belongs to the day before (a day has no earlier instant).
      expect(intlDay(start - 1, tz)).toBe(addDays(day, -1));
    }
  });

  it.each(ZONES)('gives every quarter hour of a 30-day window (with a clock change in most zones) its day in %s', (tz) => {
    const now = new Date('2026-04-05T12:34:56Z');
    const w = dayWindow(tz, 30, now);
    expect(w.days).toHaveLength(30);
    expect(w.to).toBe(intlDay(now.getTime(), tz));
    expect(w.days[0]).toBe(w.from);
    const quarters = (w.end.getTime() - w.start.getTime()) / QUARTER_HOUR_MS;
    expect(Number.isInteger(quarters)).toBe(true);
    for (let k = 0; k < quarters; k += 1) {
      const at = w.start.getTime() + k * QUARTER_HOUR_MS;
      // The quarter hour lies within one day: its first and last instant agree.
      expect(w.dayOfQuarter(k)).toBe(intlDay(at, tz));
      expect(intlDay(at + QUARTER_HOUR_MS - 1, tz)).toBe(intlDay(at, tz));
    }
    expect(w.dayOfQuarter(quarters)).toBeNull();
    expect(w.dayOfQuarter(-1)).toBeNull();
  });
});
