import { shownText } from '../agreement';
import type { Choices } from '../../../../shared/contracts/choices';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errors } from '@strapi/utils';
import { UIDS } from '../../pluginId';
import { getService } from '../../utils';
import { eventHash } from '../../events/proof';
import type { LogQueries } from './query';
import { statesOf, type StateRow } from '../../events/states';
import { isoOf } from './format';
import { dataShownOf, fillFormFields } from '../../templates/form-fields';

type Row = Record<string, any>;

/**
 * The evidence file of an imported consent's personal record: the upload, and whether the stored file
 * still has the hash the record commits to (read back for the local provider, whose files are on this
 * disk; null for a provider elsewhere, or when the upload is gone).
 */
const evidenceOf = async (strapi: any, own: Row | null) => {
  if (!own?.evidenceHash) return null;
  const file: Row | null = own.evidenceFileId != null && strapi.plugin('upload') ? await strapi.plugin('upload').service('upload').findOne(own.evidenceFileId) : null;
  let matches: boolean | null = null;
  if (file && file.provider === 'local' && typeof file.url === 'string' && file.url.startsWith('/')) {
    const hash = crypto.createHash('sha256');
    try {
      for await (const chunk of fs.createReadStream(path.join(strapi.dirs.static.public, file.url))) hash.update(chunk as Buffer);
      matches = hash.digest('hex') === own.evidenceHash;
    } catch {
      matches = false;
    }
  }
  return {
    id: file ? Number(file.id) : own.evidenceFileId ?? null,
    name: file?.name ?? null,
    mime: file?.mime ?? null,
    size: file?.sizeInBytes != null ? Number(file.sizeInBytes) : file?.size != null ? Math.round(Number(file.size) * 1000) : null,
    url: file?.url ?? null,
    sha256: own.evidenceHash as string,
    matches,
  };
};

/**
 * A compact JWS without its payload (RFC 7515 appendix F): header and signature only. The payload of a
 * receipt's JWS is the receipt itself, personal data included.
 */
export const detachedJws = (jws: string) => {
  const parts = jws.split('.');
  return parts.length === 3 ? `${parts[0]}..${parts[2]}` : '';
};

/**
 * A receipt as a reader without the personal-data action may see it: no subject, the page address
 * without its query (the query may carry a campaign id or an e-mail; it is kept in the personal record),
 * and a signature, when it has one, detached from its payload (which is the whole receipt).
 */
export const receiptWithoutPersonal = <R extends Record<string, any>>(receipt: R, pageUrl: string | null): R => ({
  ...receipt,
  piiPrincipalId: null,
  principal: null,
  ...(Array.isArray(receipt.parties) ? { parties: receipt.parties.filter((p: { role?: string }) => p.role !== 'PII principal') } : {}),
  ...(receipt.event ? { event: { ...receipt.event, pageUrl } } : {}),
  ...(typeof receipt.signature?.jws === 'string' ? { signature: { ...receipt.signature, jws: detachedJws(receipt.signature.jws) } } : {}),
});

/** A version's HTML and text with the captions shown filled in, as `htmlShown`/`textShown` (none without captions). */
const withCaptions = (version: { html?: string | null; text?: string | null }, captions: string[]) => {
  if (!captions.length) return {};
  const filled = fillFormFields({ html: version.html ?? null, text: version.text ?? null }, captions);
  return filled.html === version.html ? {} : { htmlShown: filled.html, textShown: filled.text };
};

/**
 * One record as its page shows it: the event, its agreement and version, how it was expressed, its
 * receipt, withdrawals, its place in the chain, and the person's data (with the personal-data action).
 */
export const recordDetail = (strapi: any, { consents }: LogQueries) =>
  async (id: number, { personal }: { personal: boolean }) => {
    const row: Row | null = await consents().findOne({ where: { id } });
    if (!row) throw new errors.NotFoundError('Consent record not found', { code: 'not-found', params: { entity: 'consent' } });
    const people = getService('personal', strapi);
    const [version, agreement, withdrawals, withdraws, own] = await Promise.all([
      strapi.db.query(UIDS.agreementVersion).findOne({ where: { id: row.versionId } }),
      strapi.db.query(UIDS.agreement).findOne({ where: { id: row.agreementId }, select: ['id', 'name', 'template', 'type'] }),
      consents().findMany({ where: { withdrawsId: row.id, action: 'withdrawn' }, orderBy: { seq: 'asc' } }),
      row.withdrawsId ? consents().findOne({ where: { id: row.withdrawsId }, select: ['id', 'seq', 'action', 'receiptId', 'recordedAt'] }) : null,
      people.byId(row.personalId),
    ]);
    const theirs = personal ? await people.byIds(withdrawals.map((w: Row) => w.personalId)) : new Map<number, Row>();
    const erasure = row.personalId && !own ? await people.erasureOf(row.personalId) : null;
    const previous = BigInt(row.seq) > BigInt(1) ? await consents().findOne({ where: { seq: String(BigInt(row.seq) - BigInt(1)) }, select: ['id', 'hash'] }) : null;
    const next = await consents().findOne({ where: { seq: String(BigInt(row.seq) + BigInt(1)) }, select: ['id', 'prevHash'] });
    const { tokenHash: _t, ...visible } = row;
    const dataShown = dataShownOf(row);
    const states = await statesOf(strapi, [row as StateRow], { present: own ? [Number(row.personalId)] : [] });
    // A receipt belongs to a decision (given or refused), not to a withdrawal or an erasure.
    const receipt = row.action === 'given' || row.action === 'refused' || row.action === 'requested' ? await getService('receipt', strapi).build(row) : null;
    return {
      record: {
        ...visible,
        seq: String(row.seq),
        expiresAt: isoOf(row.expiresAt),
        collectedAt: isoOf(row.collectedAt),
        state: states.get(Number(row.id)) ?? null,
        ip: personal ? own?.ip ?? null : null,
        userAgent: personal ? own?.userAgent ?? null : null,
        subject: personal ? own?.subject ?? null : null,
        note: personal ? own?.note ?? null : null,
        pageQuery: personal ? own?.pageQuery ?? null : null,
        personal: { erased: Boolean(row.personalId && !own), erasureId: erasure?.id ?? null, erasedAt: erasure?.erasedAt ?? null },
      },
      agreement,
      // The version as stored (its hash checks it) and, when the record keeps the captions its data list
      // showed, the text as shown: the version's, in the language shown, with those captions filled in.
      version: version ? { ...version, agreement: version.agreementId, ...withCaptions(shownText(version, row.language ?? null), dataShown) } : null,
      // The text shown: in the language the decision recorded, else the version's default language.
      shown: version ? (({ html: _h, text: _t, labelHtml: _l, ...s }) => s)(shownText(version, row.language ?? null)) : null,
      expressed: {
        behaviour: row.behaviour,
        prechecked: Boolean(row.prechecked),
        fullTextOpened: Boolean(row.fullTextOpened),
        channel: row.channel,
        ...(row.choices ? { choices: row.choices as Choices } : {}),
        ...(dataShown.length ? { dataShown } : {}),
        ...(row.language ? { language: row.language as string } : {}),
      },
      // Without the personal-data permission the identifiers are hidden, and the signature shows without
      // its payload (which carries them).
      receipt: receipt && !personal ? receiptWithoutPersonal(receipt as Record<string, any>, row.pageUrl ?? null) : receipt,
      withdrawals: withdrawals.map((w: Row) => {
        const p = theirs.get(Number(w.personalId));
        return { id: w.id, seq: String(w.seq), recordedAt: w.recordedAt, channel: w.channel, note: p?.note ?? null, recordedBy: w.recordedBy, receiptId: w.receiptId, ip: p?.ip ?? null };
      }),
      withdraws,
      chain: {
        seq: String(row.seq),
        hash: row.hash,
        prevHash: row.prevHash,
        ownHashValid: eventHash(row) === row.hash,
        linksToPrevious: previous ? previous.hash === row.prevHash : BigInt(row.seq) === BigInt(1),
        previousId: previous?.id ?? null,
        nextId: next?.id ?? null,
        linkedFromNext: next ? next.prevHash === row.hash : null,
      },
      evidence: personal ? await evidenceOf(strapi, own) : undefined,
      submission: personal ? (own?.data ? { formKey: row.formKey, data: own.data, receivedAt: own.collectedAt } : null) : undefined,
      personalData: personal,
    };
  };
