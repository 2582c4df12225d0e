/**
 * Calendar days in a time zone, for counting events per day where SQL cannot convert time zones the
 * same way on SQLite, PostgreSQL and MariaDB (MariaDB knows zone names only when its tables are
 * loaded). The database counts events per quarter hour since the first local midnight; each quarter
 * hour falls within one local day in every zone in use (their offsets are whole quarter hours), and
 * its day is found here. Pure: no database, no clock.
 */

import { exactZoneOffset } from '../log/format';

export const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant in the zone, and the zone's offset from UTC then (ms). */
export const zoneClock = (timeZone: string) => {
  const offsetAt = exactZoneOffset(timeZone);
  const dayOf = (ms: number) => new Date(ms + offsetAt(ms)).toISOString().slice(0, 10);
  /** The first instant of a local day (its midnight; where a clock change skips midnight, the offset before it). */
  const startOf = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    const wall = Date.UTC(y, m - 1, d);
    const guess = wall - offsetAt(wall);
    const start = wall - offsetAt(guess);
    // A clock change at midnight that skips it (America/Santiago): the day begins at the change, which
    // is the local midnight by the offset before it.
    return dayOf(start) === day ? start : guess;
  };
  return { dayOf, offsetAt, startOf };
};

/** The day `n` days after `day` (before, for a negative n). */
export const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
};

/** The last `days` local days up to the one `now` is in: their names, and the instants they span [start, end). */
export const dayWindow = (timeZone: string, days: number, now: Date) => {
  const clock = zoneClock(timeZone);
  const to = clock.dayOf(now.getTime());
  const from = addDays(to, -(days - 1));
  const list = Array.from({ length: days }, (_, i) => addDays(from, i));
  // Where each day begins, and where the window ends: a quarter hour's day is then found by comparing
  // numbers, not by asking Intl for each of the thousands of quarter hours.
  const starts = [...list, addDays(to, 1)].map(clock.startOf);
  const start = starts[0];
  const end = starts[days];
  /** The local day of the quarter hour `k` counted from `start` (null: outside the window). */
  const dayOfQuarter = (k: number) => {
    const at = start + k * QUARTER_HOUR_MS;
    if (at < start || at >= end) return null;
    let lo = 0;
    let hi = days - 1;
    // The last day that begins at or before `at`.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return list[lo];
  };
  return { from, to, days: list, start: new Date(start), end: new Date(end), dayOfQuarter };
};
