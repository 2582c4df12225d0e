import crypto from 'node:crypto';
import { canonicalJson, sha256 } from '../utils/hash';
import { randomBytes } from '../utils/random';

/**
 * What a consent event proves, and how. An event's own hash covers its proof fields and the hash of
 * the event before it (the chain). None of the proof fields is personal data: what identifies the
 * person lives in the personal store, and the event holds only a keyed hash of it (`personalHash`),
 * whose key is kept beside the personal data. Destroy both and the event still proves everything it
 * proved, and reveals nothing about the person.
 */

/** The hash every chain starts from. */
export const GENESIS = '0'.repeat(64);

/** The fields of a consent event that its hash proves, in the form they are stored. */
export const PROOF_FIELDS = [
  'seq',
  'action',
  'agreementId',
  'versionId',
  'versionNumber',
  'formKey',
  'pageUrl',
  'fields',
  'behaviour',
  'prechecked',
  'fullTextOpened',
  'receiptId',
  'tokenHash',
  'withdrawsId',
  'channel',
  'note',
  'recordedBy',
  'personalId',
  'personalHash',
  'ipPolicy',
  'erasure',
  'recordedAt',
  'prevHash',
] as const;

/**
 * Proof fields added after events were first written: an event's hash covers one of these only when
 * the event has it (not null), so every event written before it keeps the hash it was written with,
 * and an event that has it cannot lose it (or an older one gain it) without failing its hash.
 * - `collectedAt`: when a consent collected elsewhere (paper, phone, an old system) was given; the
 *   import records it beside the server's own `recordedAt`, and its validity counts from it.
 * - `choices`: what the person chose inside an accepted agreement (shared/contracts/choices.ts): the
 *   advertising channels ticked (`{ channels: [...] }`), or each category of a consent to distribution
 *   allowed or prohibited (`{ categories: { code: boolean } }`). No personal data: codes and booleans.
 * - `dataShown`: the data list as shown, for an agreement that lists no data categories: the captions
 *   of the form's fields its text listed (templates/form-fields.ts), e.g. ["Имя", "Телефон"]. The
 *   form's own captions, never what the person typed.
 * - `language`: the language the agreement's text was shown in (e.g. "en"), when the decision named
 *   one; the version holds that language's text and its own hash.
 * - `lane`: the chain lane of an event appended to lane 1 or above (events/lanes.ts); events of lane 0,
 *   the chain as one lane writes it, have none.
 */
export const OPTIONAL_PROOF_FIELDS = ['collectedAt', 'choices', 'dataShown', 'language', 'lane'] as const;

/** Every column an event's hash may cover: what verification reads. */
export const HASHED_FIELDS = [...PROOF_FIELDS, ...OPTIONAL_PROOF_FIELDS] as const;

/**
 * An event as it is appended: its proof fields, and `expiresAt` (a given consent's end of validity).
 * `expiresAt` is deliberately not a proof field: it follows from `recordedAt` and the version's
 * validity months, and both of those are proved (the version is immutable and named by `versionId`).
 * Keeping the proof fields as they are also keeps every existing event's hash valid.
 */
export type EventInput = { [K in (typeof HASHED_FIELDS)[number]]?: unknown } & { expiresAt?: Date | null };

const normalise = (field: string, value: unknown) => {
  if (value === undefined || value === null) return null;
  // A Date is read as it is (what `new Date(date)` copies), a string or epoch ms parsed.
  if (field === 'recordedAt' || field === 'collectedAt') return (value instanceof Date ? value : new Date(value as string | number)).toISOString();
  if (field === 'seq') return String(value);
  if (field === 'lane') return Number(value);
  if (typeof value === 'boolean') return value;
  if (field === 'prechecked' || field === 'fullTextOpened') return Boolean(value);
  return value;
};

/**
 * The hashed fields in the order canonical JSON writes them, each with its `"key":` (and comma), and
 * whether it is left out when null. The first key ("action") is never optional, so every optional
 * key that is written follows another one and starts with a comma.
 */
const SORTED_FIELDS = ([...HASHED_FIELDS] as string[]).sort();
const KEY_PREFIX = SORTED_FIELDS.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f)}:`);
const OPTIONAL = SORTED_FIELDS.map((f) => (OPTIONAL_PROOF_FIELDS as readonly string[]).includes(f));

/**
 * `canonicalJson` of the object of the normalised proof fields, without building that object or
 * sorting its keys for every record: every field of PROOF_FIELDS is present (normalise turns undefined
 * into null), and an optional field only when it is set, so the keys and their order are fixed. tests/unit/canonical-json.test.ts holds it to the output
 * of the plain `canonicalJson(proof)`.
 */
export const proofJson = (row: Record<string, unknown>) => {
  let out = '';
  for (let i = 0; i < SORTED_FIELDS.length; i += 1) {
    const f = SORTED_FIELDS[i];
    const v = normalise(f, row[f]);
    if (v === null && OPTIONAL[i]) continue;
    out += KEY_PREFIX[i] + canonicalJson(v);
  }
  return `${out}}`;
};

/**
 * SHA-256 over the canonical JSON of the proof fields. Values are normalised the same way on write
 * and on verification (dates as ISO UTC with milliseconds, seq as a string, SQLite's 0/1 as booleans),
 * so a row read back from any of the three databases hashes to what was written.
 */
export const eventHash = (row: Record<string, unknown>) => sha256(proofJson(row));

/** The personal part of a capture or withdrawal: what its keyed hash covers. */
export interface PersonalPart {
  subject: Record<string, string> | null;
  ip: string | null;
  userAgent: string | null;
  pageQuery: string | null;
  data: Record<string, string> | null;
  note: string | null;
  /**
   * The SHA-256 (hex) of the evidence file of a consent collected elsewhere (a scan, a recording).
   * The file is personal data, so it is named by the personal record and erased with it; the event
   * commits to its hash only through this keyed hash, which says nothing once the key is destroyed.
   */
  evidence?: string | null;
}

export const PERSONAL_PART_FIELDS = ['subject', 'ip', 'userAgent', 'pageQuery', 'data', 'note'] as const;

/** A new key for one personal record: 32 random bytes, hex. */
export const newPersonalSecret = () => randomBytes(32).toString('hex');

/**
 * HMAC-SHA256 of the personal part under its record's own key. Without the key the value says
 * nothing about the data (not even whether two records hold the same e-mail), so it may stay in the
 * immutable event after the data and the key are destroyed.
 */
export const personalHash = (secret: string, part: Partial<PersonalPart>) => {
  const canonical: Record<string, unknown> = {};
  for (const f of PERSONAL_PART_FIELDS) canonical[f] = part[f] ?? null;
  // Added later: covered only when set, so the records written before it keep their hashes.
  if (part.evidence) canonical.evidence = part.evidence;
  return crypto.createHmac('sha256', Buffer.from(secret, 'hex')).update(`uc-personal:${canonicalJson(canonical)}`, 'utf8').digest('hex');
};
