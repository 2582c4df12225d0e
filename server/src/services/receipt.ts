import crypto from 'node:crypto';
import type { Choices } from '../../../shared/contracts/choices';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { shownText } from './agreement';
import { tokenHash } from './consent';
import { getService } from '../utils';
import { getTemplate } from '../templates';
import { dataShownOf } from '../templates/form-fields';
import { findPurposePreset, purposeTitle } from '../templates/purposes';
import { statesOf, DECISION_ACTIONS } from '../events/states';
import { isoOf } from '../events/raw-rows';
import { keyRing, signContent, type KeyRing } from '../signing/keys';
import type { GetReceipt, Receipt, ReceiptContent, ReceiptController, ReceiptSignature, ReceiptStateItem } from '../../../shared/contracts/public';
import type { ConsentState } from '../../../shared/contracts/constants';
import type { Purpose, Requisites } from '../../../shared/contracts/agreements';
import type { AgreementRow, AgreementVersionRow, ConsentRow, FormRow } from '../types';

const NOT_FOUND = 'Receipt not found';

const sameHash = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const JURISDICTION: Record<string, string> = { RU: 'RU', BY: 'BY', KZ: 'KZ', EU: 'EU' };

/** The JWS header's `typ` of a signed receipt. */
export const RECEIPT_JWS_TYPE = 'consent-receipt+jws';

/** What a receipt's signature covers: the receipt without its `signature` field. */
export const receiptContent = (receipt: Receipt | ReceiptContent): ReceiptContent => {
  const { signature: _signature, ...content } = receipt as Receipt;
  return content;
};

/** The signature of a receipt's content with the active key; null when no key is configured. */
export const signReceipt = async (ring: KeyRing, content: ReceiptContent): Promise<ReceiptSignature | null> => {
  const jws = await signContent(ring, receiptContent(content), RECEIPT_JWS_TYPE);
  return jws && ring.active ? { alg: 'EdDSA', kid: ring.active.kid, jws } : null;
};

type OperatorAgreement = Pick<AgreementRow, 'id' | 'name' | 'template' | 'type' | 'dataSource' | 'companyId' | 'requisites'>;

/**
 * Who the operator (PII controller) of a consent is, and where that was read:
 * - `version`: the requisites the version kept when it was made (standard agreements, and custom ones
 *   that name a company or typed requisites);
 * - `agreement`: a custom agreement whose version kept none names a company or requisites now;
 * - `first-company`: nothing names one: the first company entered in the plugin (the site's operator
 *   in the usual one-company setup);
 * - `site`: no company at all: the operator of the site the consent was given on, by its host.
 */
interface Operator {
  requisites: Partial<Requisites> | null;
  from: ReceiptController['requisitesFrom'];
  site: string | null;
}

const hostOf = (url: string | null | undefined) => {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
};

const operatorOf = async (strapi: Core.Strapi, kept: Requisites | null, agreement: OperatorAgreement | null, pageUrl: string | null): Promise<Operator> => {
  const site = hostOf(pageUrl);
  if (kept?.name) return { requisites: kept, from: 'version', site };
  if (agreement?.dataSource === 'manual' && agreement.requisites?.name) return { requisites: agreement.requisites, from: 'agreement', site };
  if (agreement?.dataSource !== 'manual' && agreement?.companyId) {
    const company = (await strapi.db.query(UIDS.company).findOne({ where: { id: agreement.companyId } })) as Requisites | null;
    if (company?.name) return { requisites: company, from: 'agreement', site };
  }
  const [first] = (await strapi.db.query(UIDS.company).findMany({ orderBy: { id: 'asc' }, limit: 1 })) as Requisites[];
  if (first?.name) return { requisites: first, from: 'first-company', site };
  return { requisites: null, from: 'site', site };
};

/** A party id for a legal person: its registration number where the country has one, else its site or name. */
const partyIdOf = (r: Partial<Requisites>, fallback: string) => {
  if (r.country === 'RU' && r.ogrn) return `RU-OGRN:${r.ogrn}`;
  if (r.country === 'RU' && r.inn) return `RU-INN:${r.inn}`;
  if (r.country === 'BY' && r.unp) return `BY-UNP:${r.unp}`;
  if (r.country === 'KZ' && r.bin) return `KZ-BIN:${r.bin}`;
  return r.website || fallback;
};

/** The Kantara `piiControllers` entry (every required field a string, the address an object) and the controller's party id. */
const controllerOf = (operator: Operator, withdrawalContact: string | null): ReceiptController & { partyId: string } => {
  const r = operator.requisites ?? {};
  const name = r.name ? [r.legalForm, r.name].filter(Boolean).join(' ') : operator.site ? `the operator of ${operator.site}` : 'the operator of the site';
  const address = r.legalAddress || r.postalAddress || '';
  return {
    piiController: name,
    onBehalf: false,
    contact: withdrawalContact || r.email || r.phone || r.postalAddress || r.legalAddress || '',
    address: { formatted: address, country: r.country ?? null },
    email: r.email || '',
    phone: r.phone || '',
    ...(r.website ? { piiControllerUrl: r.website } : {}),
    requisitesFrom: operator.from,
    partyId: partyIdOf(r, operator.site ? `site:${operator.site}` : name),
  };
};

/**
 * Receipts: the submitter's proof of one consent event. Shaped like a Kantara Consent Receipt 1.1
 * and carrying the mandatory fields of an ISO/IEC TS 27560 consent record.
 */
const receipt = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Finds the event of a receipt when the token matches; a wrong token is the same 404 as no receipt. */
  async findEvent(receiptId: string, token: string): Promise<ConsentRow> {
    const row = (await strapi.db.query(UIDS.consent).findOne({ where: { receiptId, action: { $in: [...DECISION_ACTIONS] } } })) as ConsentRow | null;
    if (!row || !row.tokenHash || !sameHash(row.tokenHash, tokenHash(token))) throw new errors.NotFoundError(NOT_FOUND, { code: 'not-found', params: { entity: 'receipt' } });
    return row;
  },

  /** `GET /api/user-consent/receipts/:id`: the receipt when the token matches, else a 404. */
  async findOne(receiptId: string, token: string): Promise<GetReceipt.Response> {
    return { data: await this.build(await this.findEvent(receiptId, token)) };
  },

  /**
   * `POST /api/user-consent/receipts/states`: the state of each receipt whose token matches, in the order
   * asked; an unknown id and a wrong token are both `unknown` (nothing tells them apart).
   */
  async states(list: { id: string; token: string }[], now: Date = new Date()): Promise<ReceiptStateItem[]> {
    const ids = [...new Set(list.map((r) => r.id))];
    const rows = (await strapi.db.query(UIDS.consent).findMany({
      where: { receiptId: { $in: ids }, action: { $in: [...DECISION_ACTIONS] } },
    })) as ConsentRow[];
    const byId = new Map(rows.map((r) => [r.receiptId, r]));
    // Every item's token is hashed, found or not, so that the time taken does not say which ids exist.
    const matched = list.map((r) => {
      const row = byId.get(r.id);
      const hash = tokenHash(r.token);
      return row?.tokenHash && sameHash(row.tokenHash, hash) ? row : null;
    });
    const found = matched.filter((r): r is ConsentRow => r !== null);
    const states = found.length ? await statesOf(strapi, found, { now }) : new Map<number, ConsentState | null>();
    return list.map((r, i): ReceiptStateItem => {
      const row = matched[i];
      const state = row ? states.get(Number(row.id)) : null;
      if (!row || !state) return { id: r.id, state: 'unknown' };
      return {
        id: r.id,
        state,
        agreement: Number(row.agreementId),
        version: Number(row.versionId),
        versionNumber: Number(row.versionNumber),
        recordedAt: isoOf(row.recordedAt) ?? '',
        expiresAt: isoOf(row.expiresAt),
      };
    });
  },

  /**
   * The receipt of a decision event (a `given`, `refused` or `requested` row of uc_consents), signed
   * with the active key when one is configured. Signed here, when a receipt is read, never on capture.
   */
  async build(event: ConsentRow | Record<string, unknown>): Promise<Receipt> {
    const content = await this.content(event);
    return { ...content, signature: await signReceipt(await keyRing(strapi), content) };
  },

  /** The receipt without its signature: what the signature covers (see `receiptContent`). */
  async content(event: ConsentRow | Record<string, unknown>): Promise<ReceiptContent> {
    const row = event as ConsentRow;
    const [version, agreement, withdrawals, personal] = (await Promise.all([
      strapi.db.query(UIDS.agreementVersion).findOne({ where: { id: row.versionId } }),
      strapi.db.query(UIDS.agreement).findOne({ where: { id: row.agreementId }, select: ['id', 'name', 'template', 'type', 'dataSource', 'companyId', 'requisites'] }),
      strapi.db.query(UIDS.consent).findMany({ where: { withdrawsId: row.id, action: 'withdrawn' }, orderBy: { seq: 'asc' } }),
      row.personalId ? getService('personal', strapi).byId(row.personalId) : null,
    ])) as [AgreementVersionRow | null, OperatorAgreement | null, ConsentRow[], { subject?: Record<string, string> | null; pageQuery?: string | null } | null];
    const form = row.formKey ? ((await strapi.db.query(UIDS.form).findOne({ where: { key: row.formKey }, select: ['name'] })) as Pick<FormRow, 'name'> | null) : null;
    const snap = version?.snapshot ?? {};
    const template = snap.template ? getTemplate(snap.template) : undefined;
    const operator = await operatorOf(strapi, snap.requisites ?? null, agreement, row.pageUrl);
    const req: Partial<Requisites> = operator.requisites ?? {};
    // The language the text was shown in (recorded with the decision), else the version's default.
    const shown = version ? shownText(version, row.language ?? null) : null;
    const lang = shown?.language || 'en';
    const purposes: Partial<Purpose>[] = snap.purposes ?? [];
    const withdrawal = withdrawals[0] ?? null;
    // The one rule of states (events/states.ts), as the log, the status API and the widget see it.
    const state = ((await statesOf(strapi, [row])).get(Number(row.id)) ?? row.action) as ConsentState;
    const subject: Record<string, string> = personal?.subject ?? {};
    // held: the person's data is stored; erased: it was destroyed (the consent stays provable); none: none was given.
    const personalData = personal ? 'held' : row.personalId ? 'erased' : 'none';
    const thirdParties = snap.thirdParties ?? [];
    const validity = snap.validity?.kind === 'term' ? snap.validity.term : 'until withdrawn';
    const textUrl = `/api/user-consent/versions/${row.versionId}/text${row.language && shown?.language === row.language && row.language !== version?.language ? `?language=${encodeURIComponent(row.language)}` : ''}`;
    const principalId = subject.email || subject.phone || subject.name || null;
    // Kantara and ISO/IEC TS 27560 both require a principal id: without an identifier, a pseudonym
    // that says why (nothing personal was given, or it was destroyed).
    const piiPrincipalId = principalId ?? (personalData === 'erased' ? 'erased' : 'anonymous');
    // A custom agreement's jurisdiction is its operator's country ("OTHER" names none).
    const jurisdiction = (template ? JURISDICTION[template.country] ?? template.country : req.country !== 'OTHER' && req.country) || 'unspecified';
    const withdrawalContact = snap.withdrawalContact || req.email || req.postalAddress || req.legalAddress || null;
    const { partyId, ...controller } = controllerOf(operator, snap.withdrawalContact ?? null);

    return {
      // Kantara Consent Receipt 1.1
      version: 'KI-CR-v1.1.0',
      jurisdiction,
      // A consent collected elsewhere was given when it was collected; `event.recordedAt` says when it was imported.
      consentTimestamp: Math.floor(new Date(row.collectedAt ?? row.recordedAt).getTime() / 1000),
      collectionMethod: row.channel === 'import' ? 'collected outside the site (paper, phone or another system), recorded by an operator with evidence' : `${row.channel === 'api' ? 'recorded by the site' : 'web form'}${row.formKey ? ` "${row.formKey}"` : ''}: checkbox ${row.behaviour ?? ''}${row.prechecked ? ' (pre-ticked)' : ''}${row.fullTextOpened ? ', full text opened' : ''}`,
      consentReceiptID: row.receiptId,
      language: lang,
      piiPrincipalId,
      piiControllers: [controller],
      // A text kept from an external URL is what the person read: the text route shows that copy.
      policyUrl: version?.externalUrl && !(version as { externalText?: unknown }).externalText ? version.externalUrl : textUrl,
      services: [
        {
          service: form?.name ?? row.formKey ?? agreement?.name ?? 'consent',
          purposes: (purposes.length ? purposes : [{ title: agreement?.name ?? '' }]).map((p, i) => ({
            purpose: purposeTitle(p as Purpose, lang === 'ru' ? 'ru' : 'en'),
            consentType: 'EXPLICIT',
            purposeCategory: p.code ? [findPurposePreset(p.code)?.kantaraCategory].filter((c): c is string => Boolean(c)) : [],
            // The agreement's categories; else the data list as shown (the form's captions), else the fields' names.
            piiCategory: (snap.dataCategories?.length ? snap.dataCategories : dataShownOf(row).length ? dataShownOf(row) : row.fields) ?? [],
            primaryPurpose: i === 0,
            termination: validity,
            thirdPartyDisclosure: thirdParties.length > 0,
            thirdPartyName: thirdParties.map((t) => t.name).join(', ') || null,
          })),
        },
      ],
      sensitive: false,
      spiCat: [],
      // ISO/IEC TS 27560 consent record fields
      schemaVersion: 'ISO/IEC TS 27560:2023',
      recordId: row.receiptId,
      principal: { id: subject.email || subject.phone || null, name: subject.name || null },
      parties: [
        { id: piiPrincipalId, type: 'natural person', role: 'PII principal', name: subject.name || null },
        { id: partyId, type: 'legal person', role: 'PII controller', name: controller.piiController },
        ...thirdParties.map((t) => ({ id: t.name, type: 'legal person' as const, role: 'third party' as const, name: t.name })),
      ],
      legalBasis: 'consent',
      notice: {
        agreement: row.agreementId,
        version: row.versionId,
        number: row.versionNumber,
        hash: version?.hash ?? null,
        url: textUrl,
        template: template?.id ?? null,
        law: template?.law ?? null,
        // Only when the decision named the language shown: receipts of earlier consents stay as they were.
        ...(row.language ? { language: shown?.language ?? row.language, textHash: shown?.hash ?? null } : {}),
      },
      storageLocations: ['the operator’s own database'],
      retention: validity,
      event: {
        time: new Date(row.collectedAt ?? row.recordedAt).toISOString(),
        recordedAt: new Date(row.recordedAt).toISOString(),
        type: row.action,
        expressedBy: 'data subject',
        method: row.behaviour,
        prechecked: Boolean(row.prechecked),
        fullTextOpened: Boolean(row.fullTextOpened),
        pageUrl: row.pageUrl ? `${row.pageUrl}${personal?.pageQuery ?? ''}` : null,
        ipPolicy: row.ipPolicy ?? null,
      },
      personalData,
      state,
      withdrawal: withdrawal
        ? { time: new Date(withdrawal.recordedAt).toISOString(), channel: withdrawal.channel, receipt: withdrawal.receiptId }
        : null,
      withdrawalMethod: {
        web: 'POST /api/user-consent/withdrawals with { receipt, token }',
        contact: withdrawalContact,
      },
      // Its place in the chain: the position, and the lane when the chain has several (events/lanes.ts).
      integrity: { seq: String(row.seq), ...(row.lane != null ? { lane: Number(row.lane) } : {}), hash: row.hash, prevHash: row.prevHash },
      // The channels ticked or the categories allowed and prohibited (a proof field, when the decision has one).
      ...(row.choices ? { choices: row.choices as Choices } : {}),
      // The captions of the form's fields the text listed (a proof field, when the decision has one).
      ...(dataShownOf(row).length ? { dataShown: dataShownOf(row) } : {}),
    };
  },
});

export default receipt;
