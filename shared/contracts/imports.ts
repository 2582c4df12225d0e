/**
 * Consents collected elsewhere (paper, phone, an old system): admin routes under /user-consent/imports
 * (action consents.import). Both are multipart requests: the consents and an evidence file stored
 * through Strapi's upload plugin.
 *
 *   POST /user-consent/imports       file = a CSV (one consent a row), evidence = one file for all rows
 *   POST /user-consent/imports/one   the columns of one row as form fields, evidence = its file
 *
 * A row is refused with a machine code per field (IMPORT_ISSUE_CODES, or zod's); one bad row refuses
 * the whole file and nothing is stored. A row imported already is skipped as a duplicate (CSV) or
 * refused as `already-imported` (one by hand).
 */
import { z, email, phone } from './common';
import type { DataResponse } from './common';
import { IMPORT_COLUMNS, IMPORT_DECISIONS, IMPORT_ISSUE_CODES, LIMITS, type ImportColumn, type ImportIssueCode } from './constants';

export { IMPORT_COLUMNS, IMPORT_DECISIONS, IMPORT_ISSUE_CODES, type ImportColumn, type ImportIssueCode };

/** How far ahead of the server's clock a collectedAt may be (the clocks of the operator's machines). */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** No consent is older than this: an earlier date is a typo (e.g. a two-digit year). */
export const EARLIEST_COLLECTED_AT = '1970-01-01T00:00:00.000Z';

/**
 * ISO 8601: a date (`2024-03-05`, read as midnight UTC: a paper form often bears only the day) or a
 * date-time with seconds optional and a zone (`Z` or `+03:00`): a time without a zone would be read
 * in the server's, which the operator cannot see.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

const parseIso = (v: string): Date | null => {
  if (!ISO_DATE.test(v)) return null;
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) return null;
  // 2024-02-30 is not a day: the Date would roll it over to March.
  const [y, m, day] = v.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, day));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day ? d : null;
};

/** A cell as sent: trimmed; an empty cell is no value. */
const cell = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), schema.optional());

const positiveId = z.string().regex(/^[1-9]\d{0,9}$/, 'must be a positive integer').transform(Number);

const collectedAt = z
  .string()
  .transform((v, ctx) => {
    const d = parseIso(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date (2024-03-05) or date-time with a zone (2024-03-05T14:30:00+03:00)', params: { code: 'iso-date' } });
      return z.NEVER;
    }
    return d;
  })
  // Checked when the row is read: "now" is the moment of the import.
  .refine((d) => !(d instanceof Date) || d.getTime() <= Date.now() + FUTURE_SKEW_MS, { message: 'may not be in the future', params: { code: 'future-date' } })
  .refine((d) => !(d instanceof Date) || d.getTime() >= Date.parse(EARLIEST_COLLECTED_AT), { message: 'may not be before 1970', params: { code: 'date-too-early' } });

/**
 * One consent collected elsewhere: a CSV row (cells are text) or the fields of the one-consent form.
 * - Who: at least one of email, phone, externalId (what the status API, a look-up and an erasure find
 *   a person by; a name alone finds no one), name optional.
 * - Which text: `version` (an agreement version's id), or `agreement` and `versionNumber`.
 * - The decision, when it was made (`collectedAt`), and a note (how it was collected; personal data,
 *   kept in the personal store).
 */
export const importRow = z
  .strictObject({
    email: cell(email),
    phone: cell(phone),
    name: cell(z.string().max(LIMITS.subjectNameLength)),
    externalId: cell(z.string().max(LIMITS.externalIdLength)),
    version: cell(positiveId),
    agreement: cell(positiveId),
    versionNumber: cell(positiveId),
    decision: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(IMPORT_DECISIONS)),
    collectedAt: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), collectedAt),
    note: cell(z.string().max(LIMITS.importNoteLength)),
  })
  .refine((r) => Boolean(r.email || r.phone || r.externalId), {
    message: 'give at least one of email, phone or externalId',
    path: ['subject'],
    params: { code: 'identifier-required' },
  })
  .refine((r) => r.version !== undefined || (r.agreement !== undefined && r.versionNumber !== undefined), {
    message: 'give version (an agreement version id), or agreement and versionNumber',
    path: ['version'],
    params: { code: 'version-required' },
  });
export type ImportRow = z.output<typeof importRow>;
export type ImportRowInput = z.input<typeof importRow>;

/** One refused field of a row: `row` is the CSV's row number as a spreadsheet shows it (the header is row 1). */
export interface ImportIssue {
  path: string[];
  row: number;
  field: string | null;
  message: string;
  name: 'ValidationError';
  code: string;
  params: Record<string, unknown>;
}

/** The 400's `details` when a file is refused: every issue (up to a bound), and the rows named. */
export interface ImportRefusal {
  errors: ImportIssue[];
  rows: number[];
  /** More issues were found than `errors` lists. */
  truncated?: boolean;
}

export interface ImportedEvidence {
  /** The upload (Media Library file) id. */
  id: number;
  name: string;
  /** SHA-256 (hex) of the bytes received: what each personal record's keyed hash commits to. */
  sha256: string;
  size: number;
}

/**
 * `POST /imports` → 201, or 200 when every row was imported already (nothing stored).
 * A row is a duplicate when a consent collected elsewhere with the same person (e-mail, phone,
 * externalId as the look-ups compare them), agreement version, collectedAt and decision is stored
 * already or stands earlier in the file; it is skipped and named. The same with the other decision
 * refuses the file (`conflicting-decision`).
 */
export namespace ImportConsents {
  export interface Summary {
    imported: number;
    given: number;
    refused: number;
    /** Rows not stored because they were imported already (or earlier in the file), and their numbers. */
    duplicates: number;
    duplicateRows: number[];
    /** The chain positions of the first and the last imported event (null when nothing was imported). */
    firstSeq: string | null;
    lastSeq: string | null;
    /** The stored evidence file; null when nothing was imported (then it is not kept). */
    evidence: ImportedEvidence | null;
    delimiter: ',' | ';';
  }
  export type Response = DataResponse<Summary>;
}

/** `POST /imports/one` → 201. */
export namespace RecordImportedConsent {
  export const body = importRow;
  export type Request = ImportRowInput;
  export type Response = DataResponse<{ id: number; seq: string; receipt: string; action: 'given' | 'refused'; evidence: ImportedEvidence }>;
}
