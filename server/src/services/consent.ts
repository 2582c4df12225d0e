import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { sha256 } from '../utils/hash';
import { randomBytes } from '../utils/random';
import { preparePersonal, splitPageUrl, minimiseIp } from '../events/personal';
import type { EventInput } from '../events/chain';
import type { LoadedForm } from './form';
import type { IpPolicy } from '../../../shared/contracts/personal';
import { CaptureConsents, type CaptureResult, type CreateWithdrawal, type ReceiptRef, type WithdrawalResult } from '../../../shared/contracts/public';
import { parseBody } from '../validation/common';
import { siteUserId } from '../integrations/users-permissions';
import { subjectDecisions, expiresAtOf, monthsOf } from '../events/states';
import { ConsentStatus } from '../../../shared/contracts/status';
import type { Purpose } from '../../../shared/contracts/agreements';
import type { AgreementVersionRow, ConsentRow, FormRow } from '../types';
import { versionLanguages } from './agreement';
import { decisionChoices, offeredChoices, type OfferedChoices } from '../utils/choices';
import { captionsShown } from '../templates/form-fields';
import { AD_CHANNELS, type AdChannel, type Choices } from '../../../shared/contracts/choices';

export type { CaptureResult, ReceiptRef, WithdrawalResult };
export type ConsentBody = CaptureConsents.Body;

export interface CaptureContext {
  ip: string | null;
  userAgent: string | null;
  /** web: the public route; api: recorded by the app's own code through this service. */
  channel: 'web' | 'api';
  /** The form as getPublic returned it, when the caller already has it. */
  form?: LoadedForm;
  /** A user of the site (users-permissions) who is logged in: the consent names them as its subject. */
  siteUser?: { documentId: string } | null;
  /** Check every rule, store nothing (registration checks its consents before it creates the user). */
  dryRun?: boolean;
  /** Scheme and host of this Strapi as the request reached it (see WebRequest). */
  host?: string | null;
}

/** A refused submission: the field, its machine code and params (what a client says in its language), and why in English. */
const fail = (path: (string | number)[], code: string, message: string, params: Record<string, unknown> = {}) =>
  new errors.ValidationError(`${path.join('.')}: ${message}`, {
    code,
    params,
    errors: [{ path: path.map(String), message, name: 'ValidationError', code, params }],
    ...params,
  });

class AlreadyWithdrawn extends Error {}

/** The status of each channel or category a decision chose: usable only while the consent is given. */
const choicesNow = (choices: Choices | null | undefined, given: boolean): Pick<ConsentStatus.Item, 'channels' | 'categories'> => ({
  ...(choices?.channels ? { channels: Object.fromEntries(AD_CHANNELS.map((c) => [c, given && choices.channels!.includes(c)])) as Record<AdChannel, boolean> } : {}),
  ...(choices?.categories ? { categories: Object.fromEntries(Object.entries(choices.categories).map(([k, v]) => [k, given && v === true])) } : {}),
});

export const newToken = () => randomBytes(24).toString('base64url');
export const tokenHash = (token: string) => sha256(`receipt-token:${token}`);

/** What the public routes know of the request besides its body. */
export interface WebRequest {
  origin: string | null;
  /** Scheme and host of this Strapi as the request reached it (double opt-in links point there by default). */
  host?: string | null;
  ip: string | null;
  userAgent: string | null;
}

const consent = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * A person's consents as they stand now, per agreement they decided on: the state of their latest
   * decision (given or refused) and what ended it. The identifier is looked up by its hash in the
   * personal store and never logged. `POST /api/user-consent/status/query` answers with this.
   */
  async status(input: ConsentStatus.Request, { now = new Date() }: { now?: Date } = {}): Promise<ConsentStatus.Item[]> {
    const { email, phone, externalId, agreement, purpose } = parseBody(ConsentStatus.query, input);
    const key = getService('personal', strapi).lookupOf({ email, phone, externalId });
    if (!key) return [];
    // One query: the person's decisions with what decides their state (events/states.ts).
    let current = await subjectDecisions(strapi, key, { agreement, now });
    if (purpose) {
      const agreements = (await strapi.db.query(UIDS.agreement).findMany({
        where: { id: { $in: current.map((c) => c.agreement) } },
        select: ['id', 'purposes'],
      })) as { id: number; purposes: Purpose[] | null }[];
      const serving = new Set(agreements.filter((a) => (a.purposes ?? []).some((p) => p.code === purpose)).map((a) => a.id));
      current = current.filter((c) => serving.has(c.agreement));
    }
    return current.map((c) => ({
      agreement: c.agreement,
      state: c.state,
      version: c.decision.versionId,
      versionNumber: c.decision.versionNumber,
      // A consent collected elsewhere was given when it was collected, not when it was imported.
      // A requested consent (double opt-in) was given when the person confirmed it.
      givenAt: c.confirmedBy?.recordedAt ?? c.decision.collectedAt ?? c.decision.recordedAt,
      expiresAt: c.decision.expiresAt,
      receipt: c.decision.receiptId,
      endedAt: c.endedBy?.recordedAt ?? null,
      ...choicesNow(c.decision.choices, c.state === 'given'),
    }));
  },

  /**
   * `POST /api/user-consent/forms/:key/consents`. The body is parsed (with the contract) after the
   * form is found and its origin rule passed: an unknown form is a 404 and a foreign origin a 403,
   * whatever was sent.
   */
  async submit(
    key: string,
    rawBody: unknown,
    request: WebRequest,
    { siteUser = null, dryRun = false }: Pick<CaptureContext, 'siteUser' | 'dryRun'> = {}
  ): Promise<CaptureConsents.Response> {
    const form = await getService('form', strapi).getPublic(key);
    if (form.allowedOrigins.length && (!request.origin || !form.allowedOrigins.includes(request.origin))) {
      // A PolicyError (403) keeps its message; Strapi replaces a plain ForbiddenError's with "Forbidden".
      throw new errors.PolicyError('This form does not accept submissions from this origin.', { code: 'origin-not-allowed', params: {} });
    }
    const body = parseBody(CaptureConsents.body, rawBody);
    const data = await this.capture(key, body, { ip: request.ip, userAgent: request.userAgent, channel: 'web', form, siteUser, dryRun, host: request.host ?? null });
    // The form's switch: the receipt link goes to the subject's e-mail once the consent is stored; the
    // mail is sent after the answer and its failure changes nothing here.
    if (form.sendReceiptEmail && body.subject?.email && data.receipts.length) {
      getService('self-service', strapi).mailReceipt(form, body.subject.email, data.receipts);
    }
    return { data };
  },

  /**
   * `POST /user-consent/consents/:id/withdraw`: an operator records a withdrawal received by letter or
   * e-mail; the admin who did it is kept. 404 for an unknown record.
   */
  async withdrawRecord(id: number, how: { note: string; recordedBy: number | null }): Promise<{ data: WithdrawalResult }> {
    const target = (await strapi.db.query(UIDS.consent).findOne({ where: { id } })) as ConsentRow | null;
    if (!target) throw new errors.NotFoundError('Consent record not found', { code: 'not-found', params: { entity: 'consent' } });
    return { data: await this.withdraw(target, { channel: 'admin', note: how.note, recordedBy: how.recordedBy }) };
  },

  /** `POST /api/user-consent/withdrawals`: withdraws the consent of a receipt whose token matches. */
  async withdrawByReceipt(input: CreateWithdrawal.Body, request: WebRequest): Promise<CreateWithdrawal.Response> {
    const event = await getService('receipt', strapi).findEvent(input.receipt, input.token);
    const result = await this.withdraw(event, { channel: 'web', ip: request.ip, userAgent: request.userAgent });
    return {
      data: result,
      meta: { message: result.alreadyWithdrawn ? 'This consent was already withdrawn.' : 'The consent is withdrawn.' },
    };
  },

  /**
   * Withdraws a given consent: a new `withdrawn` event that refers to it, never an edit. Repeating it
   * is harmless: the answer says it was already withdrawn and points at the first withdrawal.
   */
  async withdraw(
    target: ConsentRow,
    how: { channel: 'web' | 'admin' | 'api' | 'self-service'; ip?: string | null; userAgent?: string | null; note?: string | null; recordedBy?: number | null }
  ): Promise<WithdrawalResult> {
    // A requested consent (double opt-in) can be withdrawn too, confirmed or not.
    if (target.action !== 'given' && target.action !== 'requested') {
      throw new errors.ValidationError(`Only a given consent can be withdrawn; this record is "${target.action}".`, { code: 'not-given', params: { action: target.action } });
    }
    // Only a withdrawal counts: an `expired` event names the consent in withdrawsId too, and a person
    // may still withdraw a consent that expired.
    const existing = async () => (await strapi.db.query(UIDS.consent).findOne({ where: { withdrawsId: target.id, action: 'withdrawn' }, orderBy: { seq: 'asc' } })) as ConsentRow | null;
    const describe = (w: Pick<ConsentRow, 'receiptId' | 'recordedAt' | 'channel'>, already: boolean): WithdrawalResult => ({
      alreadyWithdrawn: already,
      receipt: target.receiptId!,
      withdrawal: { receipt: w.receiptId!, recordedAt: new Date(w.recordedAt).toISOString(), channel: w.channel as string },
    });
    const before = await existing();
    if (before) return describe(before, true);

    let already: ConsentRow | null = null;
    // The withdrawal's own personal record: who it is about (copied from the consent's record while
    // that exists, so that a look-up or an erasure by e-mail finds the withdrawal too), and how it came.
    const source = target.personalId ? await getService('personal', strapi).byId(target.personalId) : null;
    const form = target.formKey ? ((await strapi.db.query(UIDS.form).findOne({ where: { key: target.formKey }, select: ['ipPolicy'] })) as Pick<FormRow, 'ipPolicy'> | null) : null;
    const ipPolicy = (form?.ipPolicy ?? 'full') as IpPolicy;
    const recordedAt = new Date();
    const prepared = preparePersonal(
      {
        subject: source?.subject ?? null,
        ip: minimiseIp(how.ip ?? null, ipPolicy),
        userAgent: how.userAgent ? how.userAgent.slice(0, 1000) : null,
        pageQuery: null,
        data: null,
        note: how.note ?? null,
      },
      recordedAt,
      source ? { emailHash: source.emailHash ?? null, phoneHash: source.phoneHash ?? null, externalHash: source.externalHash ?? null } : undefined
    );
    const created = await strapi.db.transaction(async ({ trx }) => {
      const personalId = prepared ? await getService('personal', strapi).insert(trx, prepared.entry) : null;
      return getService('chain', strapi).append(
        trx,
        [
          {
            action: 'withdrawn',
            agreementId: target.agreementId,
            versionId: target.versionId,
            versionNumber: target.versionNumber,
            formKey: target.formKey,
            fields: target.fields,
            withdrawsId: target.id,
            receiptId: crypto.randomUUID(),
            channel: how.channel,
            recordedBy: how.recordedBy ?? null,
            personalId,
            personalHash: prepared?.hash ?? null,
            ipPolicy: how.ip ? ipPolicy : null,
            recordedAt,
          },
        ],
        async () => {
          // Under the chain lock: a withdrawal that raced us is seen here, and we add none.
          already = await existing();
          if (already) throw new AlreadyWithdrawn();
        }
      );
    }).catch((e) => {
      if (e instanceof AlreadyWithdrawn) return null;
      throw e;
    });
    if (!created) return describe(already!, true);
    return describe(created[0], false);
  },

  /**
   * Records one submission of a form: a decision for each of its agreements (given or refused) and,
   * when the form stores submissions, what the person typed. Every rule is checked before anything
   * is written; then all of it is written in one transaction, or nothing is.
   */
  async capture(formKey: string, body: ConsentBody, ctx: CaptureContext): Promise<CaptureResult> {
    // The public route has already loaded the form (for its origin check): reuse it.
    const form = ctx.form ?? (await getService('form', strapi).getPublic(formKey));

    // Only declared fields; keys are checked on the raw object so that no odd key slips through.
    const declared = new Set(form.fields.map((f) => f.name));
    for (const key of Object.keys(body.data ?? {})) {
      if (!declared.has(key)) throw fail(['data', key], 'unknown-field', `"${key}" is not a field of this form`, { field: key });
    }
    for (const f of form.fields) {
      if (f.required && !body.data?.[f.name]?.trim()) throw fail(['data', f.name], 'field-required', 'is required', { field: f.name });
    }

    // Decisions normally name the versions the form shows now; an older one (the page was loaded
    // before a new version) is looked up.
    // `shown`: the captions of the form's fields the version's text listed (its data list as shown), from
    // the form as the server has it, never from the client.
    type SeenVersion = Pick<AgreementVersionRow, 'id' | 'agreementId' | 'number'> & { months: number | null; offered: OfferedChoices; shown: string[]; languages: string[] };
    const versionById = new Map<number, SeenVersion>(
      form.agreements.map((a) => [
        a.version.id,
        {
          id: a.version.id,
          agreementId: a.agreement,
          number: a.version.number,
          months: form.validityMonths?.get(a.version.id) ?? null,
          offered: { channels: a.channels, categories: a.categories },
          shown: a.dataShown ?? [],
          languages: a.languages,
        },
      ])
    );
    const unknown = body.decisions.map((d) => d.version).filter((id) => !versionById.has(id));
    if (unknown.length) {
      const older = (await strapi.db.query(UIDS.agreementVersion).findMany({
        where: { id: { $in: unknown } },
        select: ['id', 'agreementId', 'number', 'snapshot', 'language', 'html', 'translations'],
      })) as Pick<AgreementVersionRow, 'id' | 'agreementId' | 'number' | 'snapshot' | 'language' | 'html' | 'translations'>[];
      for (const v of older) {
        versionById.set(v.id, {
          id: v.id,
          agreementId: v.agreementId,
          number: v.number,
          months: monthsOf(v.snapshot?.validity),
          offered: offeredChoices(v.snapshot, v.language),
          shown: captionsShown(v.html, form.fields),
          languages: versionLanguages(v),
        });
      }
    }
    const formAgreements = new Map(form.agreements.map((a) => [a.agreement, a]));
    const decided = new Map<number, (typeof body.decisions)[number] & { v: SeenVersion; choices: Choices | null }>();

    body.decisions.forEach((d, i) => {
      const v = versionById.get(d.version);
      if (!v || !formAgreements.has(v.agreementId)) {
        throw fail(['decisions', i, 'version'], 'version-not-in-form', `version ${d.version} does not belong to an agreement of this form`, { version: d.version });
      }
      if (decided.has(v.agreementId)) throw fail(['decisions', i, 'version'], 'decision-repeated', `agreement ${v.agreementId} has more than one decision`, { agreement: v.agreementId });
      // The language shown must be one the version has a text in: the proof names that text.
      if (d.language !== undefined && !v.languages.includes(d.language)) {
        throw fail(['decisions', i, 'language'], 'language-not-in-version', `version ${v.id} has no text in "${d.language}" (it has: ${v.languages.join(', ') || 'none'})`, {
          version: v.id,
          language: d.language,
          languages: v.languages,
        });
      }
      // The channels ticked or the categories allowed, checked against what this version offers.
      decided.set(v.agreementId, { ...d, v, choices: decisionChoices(d, v.offered, i, v.agreementId) });
    });

    // Double opt-in: an accepted agreement the form names waits for a confirmed e-mail address.
    const needsConfirmation = new Set(form.doubleOptIn?.agreements ?? []);
    const requesting = form.agreements.filter((a) => needsConfirmation.has(a.agreement) && decided.get(a.agreement)?.accepted);
    if (requesting.length && !body.subject?.email) {
      throw fail(['subject', 'email'], 'email-required', `an e-mail address is needed to confirm agreement ${requesting[0].agreement} ("${requesting[0].label}")`, { agreement: requesting[0].agreement });
    }

    for (const a of form.agreements) {
      const d = decided.get(a.agreement);
      const name = `agreement ${a.agreement} ("${a.label}")`;
      if (!d) throw fail(['decisions'], 'decision-missing', `${name} has no decision`, { agreement: a.agreement });
      if (a.required && !d.accepted) throw fail(['decisions'], 'decision-required', `${name} is required and was not accepted`, { agreement: a.agreement });
      if (a.mustRead && d.accepted && d.fullTextOpened !== true) {
        throw fail(['decisions'], 'full-text-not-opened', `${name} must be read in full before it is accepted (fullTextOpened: true)`, { agreement: a.agreement });
      }
    }

    const recordedAt = new Date();
    const given: Record<string, string> = { ...(body.subject ?? {}) };
    if (ctx.siteUser) given.externalId = siteUserId(ctx.siteUser.documentId);
    const subject = Object.keys(given).length ? given : null;
    const fields = form.fields.map((f) => f.name);
    const ipPolicy = form.ipPolicy ?? 'full';
    const { page, query } = splitPageUrl(body.pageUrl);
    const submission = form.storeSubmissions && body.data && Object.keys(body.data).length ? body.data : null;
    // What identifies the person goes to the personal store; the events carry its keyed hash.
    const prepared = preparePersonal(
      {
        subject,
        ip: minimiseIp(ctx.ip, ipPolicy),
        userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 1000) : null,
        pageQuery: query,
        data: submission,
        note: null,
      },
      recordedAt
    );
    const tokens: string[] = [];
    const events: EventInput[] = form.agreements.map((a) => {
      const d = decided.get(a.agreement)!;
      const token = newToken();
      tokens.push(token);
      return {
        action: d.accepted ? (needsConfirmation.has(a.agreement) ? 'requested' : 'given') : 'refused',
        // Follows from the version's validity (see EventInput): a refusal does not expire.
        expiresAt: d.accepted ? expiresAtOf(recordedAt, d.v.months) : null,
        agreementId: a.agreement,
        versionId: d.v.id,
        versionNumber: d.v.number,
        formKey: form.key,
        pageUrl: page,
        fields,
        behaviour: a.behaviour,
        prechecked: a.prechecked,
        fullTextOpened: d.fullTextOpened === true,
        receiptId: crypto.randomUUID(),
        tokenHash: tokenHash(token),
        channel: ctx.channel,
        personalHash: prepared?.hash ?? null,
        ipPolicy,
        recordedAt,
        ...(d.choices ? { choices: d.choices } : {}),
        ...(d.v.shown.length ? { dataShown: d.v.shown } : {}),
        // The language the text was shown in, when the page said (a proof field only then).
        ...(d.language ? { language: d.language } : {}),
      };
    });

    if (ctx.dryRun) return { receipts: [] };

    // Stored with other captures of this process in one transaction (group commit), with the personal
    // record the events refer to (on PostgreSQL, in the very statement that appends them).
    const created = await getService('chain', strapi).appendQueued(events, { personal: prepared?.entry });

    const requested = created.filter((row) => row.action === 'requested');
    let sent = false;
    if (requested.length) {
      const first = form.agreements.find((a) => a.agreement === Number(requested[0].agreementId));
      // The group commit answers the events as hashed, without their row ids: read them back.
      const stored = (await strapi.db.query(UIDS.consent).findMany({
        where: { receiptId: { $in: requested.map((r) => r.receiptId) } },
        select: ['id', 'agreementId', 'receiptId'],
        orderBy: { seq: 'asc' },
      })) as Pick<ConsentRow, 'id' | 'agreementId' | 'receiptId'>[];
      // The consents are stored: a link or mail that fails is logged (without the address), and the
      // answer says no mail went out; the person can ask again (confirmations/resend) or resubmit.
      sent = await getService('double-opt-in', strapi)
        .request({
          events: stored,
          email: body.subject!.email!,
          language: (decided.get(first?.agreement ?? 0)?.language ?? first?.language) === 'ru' ? 'ru' : 'en',
          form: { key: form.key, name: form.name, doubleOptIn: form.doubleOptIn },
          labels: new Map(form.agreements.map((a) => [a.agreement, a.label])),
          origin: ctx.host ?? null,
        })
        .catch((e) => {
          strapi.log.error(`[user-consent] double opt-in: the confirmation link could not be stored (${e?.code ?? e?.name ?? 'error'}).`);
          return false;
        });
    }

    return {
      receipts: created.map((row, i) => ({
        id: row.receiptId,
        token: tokens[i],
        action: row.action,
        agreement: row.agreementId,
        version: row.versionId,
      })),
      ...(requested.length ? { confirmation: { sent } } : {}),
      ...(form.successRedirectUrl ? { redirectUrl: form.successRedirectUrl } : {}),
      ...(form.successMessage ? { message: form.successMessage } : {}),
    };
  },
});

export default consent;
