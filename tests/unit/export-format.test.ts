/**
 * The export's pure formatting: a time zone's offset kept per quarter of an hour must equal Intl's own
 * reading at every moment, across daylight-saving changes and zones off the hour; CSV cells quote the
 * chosen delimiter and guard what a spreadsheet would run as a formula.
 */
import { csvCell, wallClockText, zoneOffset } from '../../server/src/services/log/format';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock time Intl gives for a moment in a zone, as `YYYY-MM-DD HH:MM:SS`. */
const intlWall = (ms: number, timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
};

describe('export formatting', () => {
  it('shifts moments into a zone exactly as Intl does, across DST changes and half-hour zones', () => {
    const wall = wallClockText('en');
    for (const zone of ['Europe/Moscow', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC']) {
      const offset = zoneOffset(zone);
      const wrong: string[] = [];
      const check = (ms: number) => {
        const got = wall(new Date(ms + offset(ms)));
        if (got !== intlWall(ms, zone)) wrong.push(`${new Date(ms).toISOString()}: ${got}`);
      };
      // Every 47 minutes 13 seconds through 2024 (both DST changes of each zone), in order as an export reads.
      const start = Date.UTC(2024, 0, 1);
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 2_833_000) check(ms);
      // Second by second around New York's spring change (2024-03-10 07:00 UTC) and Europe's autumn one (2024-10-27 01:00 UTC).
      for (let ms = Date.UTC(2024, 2, 10, 6, 59, 50); ms < Date.UTC(2024, 2, 10, 7, 0, 10); ms += 1000) check(ms);
      for (let ms = Date.UTC(2024, 9, 27, 0, 59, 50); ms < Date.UTC(2024, 9, 27, 1, 0, 10); ms += 1000) check(ms);
      expect(wrong).toEqual([]);
    }
  });

  it('writes Russian wall-clock times day first', () => {
    expect(wallClockText('ru')(new Date(Date.UTC(2026, 10, 30, 9, 5, 7)))).toBe('30.11.2026 09:05:07');
  });

  it('quotes the chosen delimiter and guards formulas only when asked', () => {
    const semi = csvCell(';', true);
    expect(semi('a;b')).toBe('"a;b"');
    expect(semi('a,b')).toBe('a,b');
    expect(semi('=1+1')).toBe("'=1+1");
    expect(semi('+7 999')).toBe("'+7 999");
    expect(semi('-x;y')).toBe(`"'-x;y"`);
    expect(semi('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(semi(12)).toBe('12');
    expect(csvCell('\t', false)('a\tb')).toBe('"a\tb"');
    // Without a language the CSV is byte for byte what it was: commas, no guard.
    expect(csvCell(',', false)('=1+1')).toBe('=1+1');
    expect(csvCell(',', false)('a,b')).toBe('"a,b"');
  });
});
