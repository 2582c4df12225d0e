/**
 * Turning database values into the consent log's text: ISO dates, booleans, CSV cells, and pg's type
 * parsers for the export. Pure functions, shared by the list, the record page and the CSV export.
 */

export { isoOf } from '../../events/raw-rows';
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
/**
 * `isoOf` for a stream of rows: the same text as `toISOString()`, with the date part reused while rows
 * stay on the same UTC day (an export is in seq order, so they mostly do).
 */
export const isoFormatter = () => {
  let day = NaN;
  let prefix = '';
  return (v: unknown): string | null => {
    let ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : new Date(v as string).getTime();
    // What `new Date(number)` does: out of range is invalid, a fraction is cut off.
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
    ms = Math.trunc(ms);
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      const iso = new Date(d * DAY_MS).toISOString();
      prefix = iso.slice(0, iso.indexOf('T') + 1);
      day = d;
    }
    let t = ms - d * DAY_MS;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const sec = t % 60;
    t = (t - sec) / 60;
    const min = t % 60;
    return `${prefix}${PAD2[(t - min) / 60]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z`;
  };
};
/**
 * pg's type parsers, with a faster one for `timestamp` (Strapi's datetime on PostgreSQL): the text
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` becomes the same local-time Date that pg's own parser (postgres-date)
 * makes of it, without its regular expressions; anything else goes to pg's parser.
 */
export const pgExportTypes = (types: { getTypeParser: (oid: number, format?: any) => (v: string) => unknown }) => {
  const TIMESTAMP = 1114;
  const fallback = types.getTypeParser(TIMESTAMP, 'text');
  const digit = (s: string, i: number) => {
    const c = s.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const timestamp = (s: string) => {
    const n = s.length;
    if (n < 19 || n > 26 || s[4] !== '-' || s[7] !== '-' || s[10] !== ' ' || s[13] !== ':' || s[16] !== ':' || (n > 19 && (n === 20 || s[19] !== '.'))) return fallback(s);
    for (let i = 20; i < n; i += 1) if (Number.isNaN(digit(s, i))) return fallback(s);
    const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    const month = digit(s, 5) * 10 + digit(s, 6);
    const day = digit(s, 8) * 10 + digit(s, 9);
    const hour = digit(s, 11) * 10 + digit(s, 12);
    const minute = digit(s, 14) * 10 + digit(s, 15);
    const second = digit(s, 17) * 10 + digit(s, 18);
    // Years 0-99 take postgres-date's own path (the Date constructor reads them as 1900-1999).
    if (!(year >= 100) || Number.isNaN(month + day + hour + minute + second)) return fallback(s);
    return new Date(year, month - 1, day, hour, minute, second, n > 19 ? 1000 * parseFloat(s.slice(19)) : 0);
  };
  return { getTypeParser: (oid: number, format?: any) => (oid === TIMESTAMP && (format ?? 'text') === 'text' ? timestamp : types.getTypeParser(oid, format)) };
};
/** A boolean column as Strapi maps it: 0/1 on SQLite and MySQL, true/false on PostgreSQL. */
export const boolOf = (v: unknown) => (typeof v === 'boolean' ? v : v == null ? null : String(v) === '1' ? true : String(v) === '0' ? false : null);

/** Fields that must be quoted in CSV (RFC 4180): a quote, a comma, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;
/** One CSV field: strings as they are (quoted when needed, quotes doubled), numbers as digits, null empty. */
export const cell = (v: unknown): string => {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (v == null) return '';
  else if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  else if (typeof v === 'boolean') return v ? 'yes' : 'no';
  else if (v instanceof Date) return String(v.getTime());
  else s = JSON.stringify(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
};

/**
 * `cell` for any delimiter. With `guard`, a text that a spreadsheet would run as a formula (it starts
 * with = + - @, a tab or CR: OWASP's CSV injection) gets a leading apostrophe: visitors type the form
 * data, and a phone number such as +7 (999) … would otherwise be read as a formula too.
 */
export const csvCell = (delimiter: string, guard: boolean) => {
  if (delimiter === ',' && !guard) return cell;
  const needs = delimiter === ',' ? NEEDS_QUOTES : new RegExp(`["${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`);
  return (v: unknown): string => {
    // Numbers, booleans, times and null are written as `cell` writes them: never quoted, never a formula.
    if (typeof v !== 'string' && (v == null || typeof v !== 'object' || v instanceof Date)) return cell(v);
    let s = typeof v === 'string' ? v : JSON.stringify(v);
    if (guard && s.length && FORMULA_START.has(s.charCodeAt(0))) s = `'${s}`;
    return needs.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
  };
};
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r'].map((c) => c.charCodeAt(0)));

const QUARTER_HOUR = 900_000;
/** The exact offset (ms) of an IANA time zone at a moment, asked of Intl each time. */
export const exactZoneOffset = (timeZone: string) => {
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (ms: number) => {
    const p: Record<string, number> = {};
    for (const part of dtf.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wall - Math.floor(ms / 1000) * 1000;
  };
};

/**
 * The offset (ms) of an IANA time zone at a moment. Intl is slow for a million rows, so the offset is
 * kept per quarter of an hour (zones change offset on such boundaries); a quarter that holds a change
 * is computed per moment.
 */
export const zoneOffset = (timeZone: string) => {
  const exact = exactZoneOffset(timeZone);
  let bucket = NaN;
  let offset = 0;
  return (ms: number): number => {
    const b = Math.floor(ms / QUARTER_HOUR);
    if (b === bucket) return offset;
    const start = exact(b * QUARTER_HOUR);
    if (start !== exact(b * QUARTER_HOUR + QUARTER_HOUR - 1000)) return exact(ms);
    bucket = b;
    offset = start;
    return offset;
  };
};

/** A wall-clock time (a moment shifted by its zone's offset, read with UTC getters) as each language writes it. */
export const wallClockText = (lang: 'en' | 'ru' | null) => (d: Date) => {
  const date =
    lang === 'ru'
      ? `${PAD2[d.getUTCDate()]}.${PAD2[d.getUTCMonth() + 1]}.${d.getUTCFullYear()}`
      : `${d.getUTCFullYear()}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]}`;
  return `${date} ${PAD2[d.getUTCHours()]}:${PAD2[d.getUTCMinutes()]}:${PAD2[d.getUTCSeconds()]}`;
};
