/**
 * A small CSV reader for the consent import (RFC 4180 with the habits of spreadsheets): the
 * delimiter is `,` or `;` (Excel writes `;` where the decimal mark is a comma, as in Russia),
 * detected from the header row; fields may be quoted, with `""` for a quote and line breaks inside;
 * CRLF or LF; UTF-8 with or without a byte order mark. Pure: no Strapi.
 */

export interface CsvRecord {
  /** The record's number as a spreadsheet shows it: the header is 1. */
  row: number;
  cells: string[];
}

export type CsvResult =
  | { ok: true; delimiter: ',' | ';'; header: string[]; records: CsvRecord[] }
  | { ok: false; code: 'not-utf8' | 'empty-file' | 'csv-quote' | 'too-many-rows'; row: number; params?: Record<string, unknown> };

/** Bytes as UTF-8 text without its BOM, or null when they are not UTF-8 (a file saved as Windows-1251). */
export const decodeUtf8 = (bytes: Uint8Array): string | null => {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
};

/** `;` when the header row (outside quotes) holds more of them than commas, else `,`. */
export const detectDelimiter = (text: string): ',' | ';' => {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
};

/**
 * The records of a CSV text. Blank lines are skipped (a trailing newline, an empty line at the end);
 * they still count in the row numbers, as a spreadsheet counts them. More than `maxRecords` data
 * records stops the reading at once (`too-many-rows`).
 */
export const parseCsv = (text: string, { maxRecords }: { maxRecords: number }): CsvResult => {
  const delimiter = detectDelimiter(text);
  const out: CsvRecord[] = [];
  let row = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let recordRow = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(field);
    // A line with nothing on it is no record.
    if (!(cells.length === 1 && cells[0] === '' && !wasQuoted)) out.push({ row: recordRow, cells });
    cells = [];
    field = '';
    wasQuoted = false;
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (ch === '\n') row += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      // A quote opens a field only at its start; elsewhere it is a plain character (as Excel reads it).
      if (field === '') {
        quoted = true;
        wasQuoted = true;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (out.length > maxRecords + 1) return { ok: false, code: 'too-many-rows', row: out[out.length - 1].row, params: { maximum: maxRecords } };
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      row += 1;
      recordRow = row;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (quoted) return { ok: false, code: 'csv-quote', row: recordRow };
  if (field !== '' || cells.length || wasQuoted) endRecord();
  if (!out.length) return { ok: false, code: 'empty-file', row: 1 };
  if (out.length > maxRecords + 1) return { ok: false, code: 'too-many-rows', row: out[out.length - 1].row, params: { maximum: maxRecords } };
  const [head, ...records] = out;
  return { ok: true, delimiter, header: head.cells.map((c) => c.trim()), records };
};
