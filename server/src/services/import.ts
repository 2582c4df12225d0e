import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { preparePersonal } from '../events/personal';
import { chunks } from '../events/rows';
import { expiresAtOf, monthsOf } from '../events/states';
import type { EventInput } from '../events/chain';
import { issueCode } from '../validation/common';
import { emailHash, externalHash, phoneHash } from '../utils/subject';
import { HEAD_TABLE } from '../events/ddl';
import { parseCsv, decodeUtf8 } from '../imports/csv';
import { LIMITS } from '../../../shared/contracts/constants';
import {
  IMPORT_COLUMNS,
  importRow,
  type ImportConsents,
  type ImportedEvidence,
  type ImportIssue,
  type ImportRow,
  type RecordImportedConsent,
} from '../../../shared/contracts/imports';
import type { AgreementVersionRow } from '../types';

/**
 * Consents collected elsewhere (paper, phone, an old system), recorded by an operator: from a CSV
 * (one consent a row) or one by hand, each with an evidence file.
 *
 * Every row is checked first (its cells, then the versions it names, in two queries for the whole
 * file); one bad row refuses the file with every bad row named, and nothing is stored. Then the
 * evidence is stored through the upload plugin, and all the rows in one transaction: for each, a
 * personal record (who, the note, the evidence's hash and upload id: personal data, erasable) and a
 * `given` or `refused` event on channel `import`, appended to the chain as any consent is, with the
 * original time as `collectedAt` (a proof field: events/proof.ts). If the transaction fails, the
 * uploaded file is removed again.
 *
 * A row that was imported already (the same consent: see `duplicateKey`) is not stored again: it is
 * counted and named as a duplicate, earlier in the same file or in an earlier import. The same
 * person, version and time with the other decision is no duplicate but a contradiction: the row is
 * refused. A file whose rows are all duplicates stores nothing, not even its evidence.
 */

type Row = Record<string, any>;

/** An uploaded file as Strapi's body parser (formidable) hands it to the controller. */
export interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

export interface Importer {
  id: number | null;
}

/** A refusal lists at most this many issues (the message says how many rows were refused). */
const MAX_ISSUES = 200;

/** Appends per statement: a chain append writes its events in one insert, within every database's parameter limit. */
const APPEND_SLICE = 500;

/** The folder of the Media Library that holds the evidence files. */
export const EVIDENCE_FOLDER = 'Consent evidence';

const issue = (row: number, field: string | null, code: string, message: string, params: Record<string, unknown> = {}): ImportIssue => ({
  path: field ? ['rows', String(row), field] : ['rows', String(row)],
  row,
  field,
  message,
  name: 'ValidationError',
  code,
  params,
});

/** The 400 that refuses a file: every issue (up to MAX_ISSUES), the rows named, nothing stored. */
const refuse = (issues: ImportIssue[]) => {
  const rows = [...new Set(issues.map((i) => i.row))].sort((a, b) => a - b);
  const first = issues[0];
  const named = rows.length > 10 ? `${rows.slice(0, 10).join(', ')} and ${rows.length - 10} more` : rows.join(', ');
  return new errors.ValidationError(
    `Nothing was imported: ${rows.length === 1 ? 'row' : 'rows'} ${named} ${rows.length === 1 ? 'is' : 'are'} not valid (row ${first.row}${first.field ? `, ${first.field}` : ''}: ${first.message})`,
    { errors: issues.slice(0, MAX_ISSUES), rows, ...(issues.length > MAX_ISSUES ? { truncated: true } : {}) }
  );
};

/** SHA-256 (hex) of a file, read as a stream. */
const sha256OfFile = (filepath: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(filepath)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });

/** A row that passed its checks, with the version it names resolved. */
interface ReadyRow {
  row: number;
  data: ImportRow;
  version: Pick<AgreementVersionRow, 'id' | 'agreementId' | 'number'> & { months: number | null };
}

/**
 * What makes two imported consents the same one: the same person (their e-mail, phone and external id,
 * compared as the look-ups compare them: e-mail without case, phone by its digits; a name or a note
 * does not tell people apart), the same agreement version and the same moment (`collectedAt`, to the
 * millisecond). Only consents collected elsewhere (channel `import`) are compared: a consent given on
 * the site is recorded by the site, never by a file. The decision is not part of it: the same key
 * with the other decision is a contradiction, not a second consent. A record whose personal data was
 * erased has no person any more, so a consent imported again after an erasure is stored again.
 */
const duplicateKey = (versionId: number, collectedAt: unknown, who: { emailHash: string | null; phoneHash: string | null; externalHash: string | null }) =>
  [versionId, new Date(collectedAt as Date).getTime(), who.emailHash ?? '', who.phoneHash ?? '', who.externalHash ?? ''].join('|');

const keyOfRow = (r: ReadyRow) =>
  duplicateKey(r.version.id, r.data.collectedAt, { emailHash: emailHash(r.data.email), phoneHash: phoneHash(r.data.phone), externalHash: externalHash(r.data.externalId) });

/** Rows sorted out: to store, already imported (their row numbers), contradicting an imported consent. */
interface Sorted {
  fresh: ReadyRow[];
  duplicates: number[];
  issues: ImportIssue[];
}

const importer = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The imported consents stored already for these rows' keys: key → decision. One query for the
   * events (channel import, the versions named, within the rows' span of collectedAt) and one per 500
   * of their personal records.
   */
  const storedDecisions = async (ready: ReadyRow[]) => {
    const found = new Map<string, string>();
    if (!ready.length) return found;
    const times = ready.map((r) => r.data.collectedAt.getTime());
    const events = (await strapi.db.query(UIDS.consent).findMany({
      where: {
        channel: 'import',
        action: { $in: ['given', 'refused'] },
        versionId: { $in: [...new Set(ready.map((r) => r.version.id))] },
        collectedAt: { $gte: new Date(Math.min(...times)), $lte: new Date(Math.max(...times)) },
        personalId: { $notNull: true },
      },
      select: ['versionId', 'collectedAt', 'action', 'personalId'],
    })) as Row[];
    const people = new Map<number, Row>();
    for (const part of chunks([...new Set(events.map((e) => Number(e.personalId)))])) {
      for (const p of await strapi.db.query(UIDS.personal).findMany({ where: { id: { $in: part } }, select: ['id', 'emailHash', 'phoneHash', 'externalHash'] })) people.set(Number(p.id), p);
    }
    for (const e of events) {
      const who = people.get(Number(e.personalId));
      if (who) found.set(duplicateKey(Number(e.versionId), e.collectedAt, who as any), e.action);
    }
    return found;
  };

  /** Each row, in the file's order: new, a duplicate (of a stored consent or an earlier row), or a contradiction. */
  const sortOut = async (ready: ReadyRow[]): Promise<Sorted> => {
    const decided = await storedDecisions(ready);
    const sorted: Sorted = { fresh: [], duplicates: [], issues: [] };
    for (const r of ready) {
      const key = keyOfRow(r);
      const earlier = decided.get(key);
      if (earlier === undefined) {
        decided.set(key, r.data.decision);
        sorted.fresh.push(r);
      } else if (earlier === r.data.decision) {
        sorted.duplicates.push(r.row);
      } else {
        sorted.issues.push(
          issue(r.row, 'decision', 'conflicting-decision', `this person's consent to version ${r.version.id} at ${r.data.collectedAt.toISOString()} is imported already as ${earlier}`, { decision: earlier })
        );
      }
    }
    return sorted;
  };

  /** The cells of one row by the contract; its issues with the row number. */
  const checkRow = (row: number, input: Record<string, unknown>): { data?: ImportRow; issues: ImportIssue[] } => {
    const parsed = importRow.safeParse(input);
    if (parsed.success) return { data: parsed.data, issues: [] };
    return {
      issues: parsed.error.issues.map((i) => {
        const { code, params } = issueCode(i, input);
        const field = i.path.length ? String(i.path[0]) : null;
        return issue(row, field, code, i.message, params);
      }),
    };
  };

  /**
   * The versions the rows name, in two queries: by id, and by agreement and number. A version that
   * does not exist, or an id whose agreement is not the one the row names, is a row issue.
   */
  const resolveVersions = async (rows: { row: number; data: ImportRow }[]): Promise<{ ready: ReadyRow[]; issues: ImportIssue[] }> => {
    const select = ['id', 'agreementId', 'number', 'snapshot'];
    const byId = new Map<number, Row>();
    const ids = [...new Set(rows.map((r) => r.data.version).filter((v): v is number => v !== undefined))];
    for (const part of chunks(ids)) {
      for (const v of await strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: part } }, select })) byId.set(Number(v.id), v);
    }
    const byNumber = new Map<string, Row>();
    const agreements = [...new Set(rows.filter((r) => r.data.version === undefined).map((r) => r.data.agreement!))];
    for (const part of chunks(agreements)) {
      for (const v of await strapi.db.query(UIDS.agreementVersion).findMany({ where: { agreementId: { $in: part } }, select })) byNumber.set(`${v.agreementId}:${v.number}`, v);
    }
    const ready: ReadyRow[] = [];
    const issues: ImportIssue[] = [];
    for (const r of rows) {
      const v = r.data.version !== undefined ? byId.get(r.data.version) : byNumber.get(`${r.data.agreement}:${r.data.versionNumber}`);
      if (!v) {
        issues.push(
          r.data.version !== undefined
            ? issue(r.row, 'version', 'unknown-version', `there is no agreement version ${r.data.version}`, { version: r.data.version })
            : issue(r.row, 'versionNumber', 'unknown-version', `agreement ${r.data.agreement} has no version ${r.data.versionNumber}`, { agreement: r.data.agreement!, versionNumber: r.data.versionNumber! })
        );
        continue;
      }
      // Both given: they must agree (a version id copied from the wrong agreement).
      const agreementId = Number(v.agreementId);
      if ((r.data.agreement !== undefined && r.data.agreement !== agreementId) || (r.data.versionNumber !== undefined && r.data.versionNumber !== Number(v.number))) {
        issues.push(issue(r.row, 'version', 'version-mismatch', `version ${v.id} is version ${v.number} of agreement ${agreementId}, not what agreement and versionNumber say`, { version: Number(v.id), agreement: agreementId, versionNumber: Number(v.number) }));
        continue;
      }
      ready.push({ row: r.row, data: r.data, version: { id: Number(v.id), agreementId, number: Number(v.number), months: monthsOf(v.snapshot?.validity) } });
    }
    return { ready, issues };
  };

  /** The Media Library folder of the evidence files (created once; a lost race finds the other's). */
  const evidenceFolder = async (user: unknown): Promise<number | null> => {
    const find = async () => (await strapi.db.query('plugin::upload.folder').findOne({ where: { name: EVIDENCE_FOLDER }, select: ['id'], orderBy: { id: 'asc' } })) as Row | null;
    const found = await find();
    if (found) return Number(found.id);
    try {
      const created = await (strapi.plugin('upload').service('folder') as any).create({ name: EVIDENCE_FOLDER, parent: null }, { user });
      return Number(created.id);
    } catch {
      const again = await find();
      return again ? Number(again.id) : null;
    }
  };

  /**
   * Stores the evidence through the upload plugin; its hash is of the bytes received. (The Media
   * Library may optimise an image it stores, when its size optimisation is on: the hash still proves
   * the file as the operator sent it; a PDF is stored as it is.)
   */
  const storeEvidence = async (file: IncomingFile, user: unknown): Promise<{ evidence: ImportedEvidence; upload: Row }> => {
    const sha256 = await sha256OfFile(file.filepath);
    const folder = await evidenceFolder(user);
    const [upload] = await (strapi.plugin('upload').service('upload') as any).upload(
      {
        data: { fileInfo: { name: file.originalFilename || 'evidence', caption: `Evidence of consents collected elsewhere (SHA-256 ${sha256})`, ...(folder ? { folder } : {}) } },
        files: file,
      },
      { user }
    );
    return { upload, evidence: { id: Number(upload.id), name: upload.name, sha256, size: file.size } };
  };

  const removeUpload = async (upload: Row) => {
    try {
      await (strapi.plugin('upload').service('upload') as any).remove(upload);
    } catch (e) {
      strapi.log.error(`user-consent: an import failed and its evidence file (upload ${upload.id}) could not be removed: ${(e as Error).message}`);
    }
  };

  /** The evidence file must be there, and within the limit. */
  const checkEvidence = (evidence: IncomingFile | undefined, issues: ImportIssue[]) => {
    if (!evidence || !evidence.size) issues.push(issue(1, 'evidence', 'evidence-required', 'attach the evidence of the consents (a scan, a recording, an export of the old system) as "evidence"'));
    else if (evidence.size > LIMITS.evidenceBytes) issues.push(issue(1, 'evidence', 'file-too-large', `the evidence file may be at most ${LIMITS.evidenceBytes} bytes`, { maximum: LIMITS.evidenceBytes }));
  };

  /**
   * Stores checked rows with their evidence: the upload first (outside the transaction: a file is no
   * database row), then every personal record and event in one transaction, appended to the chain in
   * slices; a failure removes the upload again and stores nothing.
   */
  const store = async (ready: ReadyRow[], file: IncomingFile, by: Importer, user: unknown) => {
    const { evidence, upload } = await storeEvidence(file, user);
    const recordedAt = new Date();
    let duplicates: number[] = [];
    try {
      const created = await strapi.db.transaction(async ({ trx }) => {
        // The duplicates again, now under the chain head's lock (SQLite serialises writers): an import
        // of the same rows that committed since they were sorted out must not be stored twice.
        if (strapi.db.dialect.client !== 'sqlite') await trx(HEAD_TABLE).where({ id: 1 }).forUpdate().first('seq');
        const again = await sortOut(ready);
        if (again.issues.length) throw refuse(again.issues);
        duplicates = again.duplicates;
        const events: EventInput[] = [];
        for (const r of again.fresh) {
          const { email, phone, name, externalId, note, decision, collectedAt } = r.data;
          const subject = Object.fromEntries(Object.entries({ email, phone, name, externalId }).filter(([, v]) => v !== undefined)) as Record<string, string>;
          // The person, the note and the evidence: the personal store; the event only commits to them.
          const prepared = preparePersonal({ subject, ip: null, userAgent: null, pageQuery: null, data: null, note: note ?? null, evidence: evidence.sha256 }, collectedAt, undefined, evidence.id)!;
          const personalId = await getService('personal', strapi).insert(trx, prepared.entry);
          events.push({
            action: decision,
            // The term runs from when the person consented, not from the import.
            expiresAt: decision === 'given' ? expiresAtOf(collectedAt, r.version.months) : null,
            agreementId: r.version.agreementId,
            versionId: r.version.id,
            versionNumber: r.version.number,
            receiptId: crypto.randomUUID(),
            channel: 'import',
            recordedBy: by.id,
            personalId,
            personalHash: prepared.hash,
            recordedAt,
            collectedAt,
          });
        }
        const out: Row[] = [];
        for (const slice of chunks(events, APPEND_SLICE)) out.push(...(await getService('chain', strapi).append(trx, slice)));
        return out;
      });
      // Nothing stored after all (every row was imported meanwhile): no record names the file.
      if (!created.length) {
        await removeUpload(upload);
        return { created, evidence: null, duplicates };
      }
      return { created, evidence, duplicates };
    } catch (e) {
      await removeUpload(upload);
      throw e;
    }
  };

  return {
    /** `POST /imports`: a CSV of consents and one evidence file for all of them. */
    async importCsv(files: { file?: IncomingFile; evidence?: IncomingFile }, by: Importer, user: unknown): Promise<ImportConsents.Summary> {
      const issues: ImportIssue[] = [];
      const { file, evidence } = files;
      if (!file || !file.size) issues.push(issue(1, 'file', file ? 'empty-file' : 'file-required', file ? 'the CSV file is empty' : 'attach the CSV file as "file"'));
      else if (file.size > LIMITS.importCsvBytes) issues.push(issue(1, 'file', 'file-too-large', `the CSV file may be at most ${LIMITS.importCsvBytes} bytes`, { maximum: LIMITS.importCsvBytes }));
      checkEvidence(evidence, issues);
      if (issues.length) throw refuse(issues);

      const text = decodeUtf8(await fs.promises.readFile(file!.filepath));
      if (text === null) throw refuse([issue(1, 'file', 'not-utf8', 'the CSV file is not UTF-8 text: save it as "CSV UTF-8"')]);
      const csv = parseCsv(text, { maxRecords: LIMITS.importRows });
      if (csv.ok === false) {
        const messages: Record<string, string> = {
          'empty-file': 'the CSV file holds no rows',
          'csv-quote': 'a quoted cell is not closed',
          'too-many-rows': `a file may hold at most ${LIMITS.importRows} rows`,
          'not-utf8': 'the CSV file is not UTF-8 text',
        };
        throw refuse([issue(csv.row, csv.code === 'csv-quote' ? null : 'file', csv.code, messages[csv.code], csv.params)]);
      }

      // The header: only known columns, each once, and those no row can do without.
      const known = new Set<string>(IMPORT_COLUMNS);
      const seen = new Set<string>();
      csv.header.forEach((name, i) => {
        if (!known.has(name)) issues.push(issue(1, name || `column ${i + 1}`, 'unknown-column', `"${name}" is not a column of the import (columns: ${IMPORT_COLUMNS.join(', ')})`, { column: name, columns: [...IMPORT_COLUMNS] }));
        else if (seen.has(name)) issues.push(issue(1, name, 'duplicate-column', `the column "${name}" appears twice`, { column: name }));
        seen.add(name);
      });
      for (const required of ['decision', 'collectedAt']) {
        if (!seen.has(required)) issues.push(issue(1, required, 'missing-column', `the column "${required}" is missing`, { column: required }));
      }
      if (!seen.has('version') && !(seen.has('agreement') && seen.has('versionNumber'))) {
        issues.push(issue(1, 'version', 'missing-column', 'give the column "version", or the columns "agreement" and "versionNumber"', { column: 'version' }));
      }
      if (issues.length) throw refuse(issues);
      if (!csv.records.length) throw refuse([issue(1, 'file', 'empty-file', 'the CSV file has a header and no rows')]);

      const checked: { row: number; data: ImportRow }[] = [];
      for (const record of csv.records) {
        if (record.cells.length !== csv.header.length) {
          issues.push(issue(record.row, null, 'cell-count', `the row has ${record.cells.length} cells; the header has ${csv.header.length}`, { cells: record.cells.length, columns: csv.header.length }));
          continue;
        }
        const input = Object.fromEntries(csv.header.map((name, i) => [name, record.cells[i]]));
        const { data, issues: found } = checkRow(record.row, input);
        if (data) checked.push({ row: record.row, data });
        else issues.push(...found);
      }
      const { ready, issues: versionIssues } = await resolveVersions(checked);
      issues.push(...versionIssues);
      const sorted = await sortOut(ready);
      issues.push(...sorted.issues);
      if (issues.length) throw refuse(issues.sort((a, b) => a.row - b.row));

      // Every row imported already: nothing to store, and no evidence to keep.
      const { created, evidence: stored, duplicates } = sorted.fresh.length ? await store(sorted.fresh, evidence!, by, user) : { created: [], evidence: null, duplicates: [] };
      const given = created.filter((e) => e.action === 'given').length;
      const duplicateRows = [...sorted.duplicates, ...duplicates].sort((a, b) => a - b);
      return {
        imported: created.length,
        given,
        refused: created.length - given,
        duplicates: duplicateRows.length,
        duplicateRows,
        firstSeq: created.length ? String(created[0].seq) : null,
        lastSeq: created.length ? String(created[created.length - 1].seq) : null,
        evidence: stored,
        delimiter: csv.delimiter,
      };
    },

    /** `POST /imports/one`: one consent recorded by hand (form fields) with its evidence file. */
    async recordOne(fields: unknown, evidence: IncomingFile | undefined, by: Importer, user: unknown): Promise<RecordImportedConsent.Response['data']> {
      const issues: ImportIssue[] = [];
      checkEvidence(evidence, issues);
      const input = fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : {};
      const { data, issues: found } = checkRow(1, input);
      issues.push(...found);
      const { ready, issues: versionIssues } = data ? await resolveVersions([{ row: 1, data }]) : { ready: [], issues: [] };
      issues.push(...versionIssues);
      // By hand, a consent imported already is refused: the operator is told, rather than shown a record.
      const sorted = await sortOut(ready);
      issues.push(...sorted.issues);
      if (sorted.duplicates.length) issues.push(issue(1, null, 'already-imported', 'this consent (the same person, version, time and decision) is imported already'));
      // One consent: the fields are its paths (no rows), as any form's errors are.
      if (issues.length) {
        const e = refuse(issues);
        for (const i of (e.details as { errors: ImportIssue[] }).errors) i.path = i.field ? [i.field] : [];
        (e as Error).message = `${issues[0].field ? `${issues[0].field}: ` : ''}${issues[0].message}`;
        throw e;
      }
      const { created, evidence: stored } = await store(ready, evidence!, by, user);
      if (!created.length) throw refuse([issue(1, null, 'already-imported', 'this consent (the same person, version, time and decision) is imported already')]);
      const [event] = created;
      // The chain's insert does not read ids back: the record's id (for its page) by its receipt.
      const row = (await strapi.db.query(UIDS.consent).findOne({ where: { receiptId: event.receiptId }, select: ['id'] })) as Row;
      return { id: Number(row.id), seq: String(event.seq), receipt: event.receiptId, action: event.action, evidence: stored! };
    },
  };
};

export default importer;
