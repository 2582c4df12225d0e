import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS, PLUGIN_ID } from '../pluginId';
import { getService } from '../utils';
import { sha256 } from '../utils/hash';
import { preparePersonal, minimiseIp } from '../events/personal';
import { getStore } from '../middlewares/rate-limit';
import { renderMail, languageOf } from '../double-opt-in/texts';
import type { PluginConfig } from '../config';
import type { DoubleOptInSettings, FormInput } from '../../../shared/contracts/forms';
import type { CheckConfirmation, ConfirmConsent, ResendConfirmation } from '../../../shared/contracts/public';
import type { DoiLanguage } from '../../../shared/contracts/constants';
import type { IpPolicy } from '../../../shared/contracts/personal';
import type { ConsentRow, FormRow } from '../types';

/**
 * Double opt-in by e-mail. A submission that accepts an agreement the form names in `doubleOptIn`
 * records a chained `requested` event instead of `given` (services/consent.ts), and this service
 * sends the person a link. The link carries a random 256-bit token in its fragment; only the token's
 * SHA-256 is stored (uc_confirmations), with the link's deadline and when it was used. The page the
 * link opens (controllers/confirmation.ts) shows what would be confirmed and confirms only on a POST,
 * so a mail scanner that opens links confirms nothing. A confirmation appends one chained `confirmed`
 * event per requested consent (`withdrawsId` names the request, as a withdrawal names what it
 * withdraws), with its own personal record (IP after the form's policy, user agent); from then the
 * consent's state is `given` (events/states.ts).
 */

type Row = Record<string, any>;

export const newConfirmationToken = () => crypto.randomBytes(32).toString('base64url');
export const confirmationTokenHash = (token: string) => sha256(`doi-token:${token}`);

export interface DoiRequest {
  /** The stored `requested` events of one submission. */
  events: Record<string, any>[];
  email: string;
  language: DoiLanguage;
  form: { key: string; name: string; doubleOptIn: DoubleOptInSettings | null };
  /** Labels of the agreements, by id. */
  labels: Map<number, string>;
  /** Scheme and host the submission reached (links point there when no publicUrl is configured). */
  origin: string | null;
}

class Refused extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

const expiredError = () =>
  new errors.ApplicationError('This confirmation link has expired; submit the form again or ask for a new link.', { code: 'confirmation-expired', params: {} });
const usedError = () => new errors.ApplicationError('This confirmation link was already used.', { code: 'confirmation-used', params: {} });
const unknownError = () => new errors.NotFoundError('Confirmation link not found', { code: 'not-found', params: { entity: 'confirmation' } });

const doubleOptIn = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).doubleOptIn;
  const knex = (): Knex => strapi.db.connection;
  const consents = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const links = () => strapi.db.query(UIDS.confirmation);

  const baseUrl = (origin: string | null) => {
    const configured = config().publicUrl;
    if (configured) return configured.replace(/\/$/, '');
    const server = String(strapi.config.get('server.url') ?? '');
    if (/^https?:\/\//.test(server)) return server.replace(/\/$/, '');
    return origin ?? 'http://localhost:1337';
  };

  /** The link of a token: the token in the fragment, which browsers never send to a server. */
  const linkOf = (origin: string, token: string, language: DoiLanguage) => `${origin}/api/${PLUGIN_ID}/confirm?lang=${language}#t=${token}`;

  const send = async (to: string, mail: { subject: string; text: string; html: string }) => {
    const email = strapi.plugin('email');
    if (!email) {
      strapi.log.warn(`[${PLUGIN_ID}] double opt-in: the email plugin is not installed; no confirmation e-mail was sent.`);
      return false;
    }
    try {
      await email.service('email').send({ to, subject: mail.subject, text: mail.text, html: mail.html });
      return true;
    } catch (e: any) {
      // The address stays out of the log.
      strapi.log.error(`[${PLUGIN_ID}] double opt-in: the confirmation e-mail could not be sent (${e?.code ?? e?.name ?? 'error'}).`);
      return false;
    }
  };

  /** A link row by its token, or the 404 of an unknown token. */
  const byToken = async (token: string, q?: Knex.Transaction): Promise<Row> => {
    const t = strapi.db.metadata.get(UIDS.confirmation).tableName;
    const raw: Row | undefined = await (q ?? knex())(t).where('token_hash', confirmationTokenHash(token)).first();
    if (!raw) throw unknownError();
    return {
      id: Number(raw.id),
      requests: (typeof raw.requests === 'string' ? JSON.parse(raw.requests) : raw.requests ?? []).map(Number) as number[],
      formKey: raw.form_key as string | null,
      language: (raw.language as DoiLanguage) ?? 'en',
      expiresAt: new Date(raw.expires_at),
      usedAt: raw.used_at ? new Date(raw.used_at) : null,
    };
  };

  /** Whether the link may still confirm at `now` (the refusal otherwise). */
  const usable = (link: Row, now: Date) => {
    if (link.usedAt) return usedError();
    if (link.expiresAt.getTime() <= now.getTime()) return expiredError();
    return null;
  };

  /** The requested events of a link that are still open: not confirmed, expired or withdrawn. */
  const openRequests = async (ids: number[], q: Knex | Knex.Transaction = knex()) => {
    const t = consents();
    const ended: Row[] = await q(t).whereIn('withdraws_id', ids).whereIn('action', ['confirmed', 'expired', 'withdrawn']).select('withdraws_id', 'action');
    return { ended, open: ids.filter((id) => !ended.some((e) => Number(e.withdraws_id) === id)) };
  };

  return {
    /** Stores the link of one submission's requested consents and mails it. */
    async request(r: DoiRequest) {
      const now = new Date();
      const token = newConfirmationToken();
      const expiresAt = new Date(now.getTime() + config().linkTtlHours * 3_600_000);
      const ids = r.events.map((e) => Number(e.id));
      await links().create({
        data: { requestId: ids[0], requests: ids, formKey: r.form.key, tokenHash: confirmationTokenHash(token), language: r.language, expiresAt, sentCount: 1, lastSentAt: now },
      });
      const labels = r.events.map((e) => r.labels.get(Number(e.agreementId)) ?? '');
      const mail = renderMail(r.form.doubleOptIn?.templates?.[r.language] ?? null, r.language, {
        agreement: labels.join('; '),
        link: linkOf(baseUrl(r.origin), token, r.language),
        expires: expiresAt,
        form: r.form.name,
      });
      return send(r.email, mail);
    },

    /** `POST /api/user-consent/confirmations/check`: what the link would confirm; records nothing. */
    async check(token: string, now = new Date()): Promise<CheckConfirmation.Response> {
      const link = await byToken(token);
      const refusal = usable(link, now);
      if (refusal) throw refusal;
      const { open } = await openRequests(link.requests);
      if (!open.length) throw usedError();
      const events = (await strapi.db.query(UIDS.consent).findMany({ where: { id: { $in: open } }, select: ['id', 'versionId'] })) as Pick<ConsentRow, 'id'>[];
      const versions = (await strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: events.map((e: any) => e.versionId) } }, select: ['id', 'label'] })) as { label: string }[];
      const form = link.formKey ? ((await strapi.db.query(UIDS.form).findOne({ where: { key: link.formKey }, select: ['name'] })) as Pick<FormRow, 'name'> | null) : null;
      return { data: { agreements: versions.map((v) => v.label), form: form?.name ?? null, expiresAt: link.expiresAt.toISOString(), language: link.language } };
    },

    /**
     * `POST /api/user-consent/confirmations`: one `confirmed` event per open request of the link, each
     * with its personal record (the subject copied from the request's, the confirmation's IP and user
     * agent), and the link marked used, in one transaction. Checked again under the chain lock, so two
     * clicks at once confirm once.
     */
    async confirm(token: string, request: { ip: string | null; userAgent: string | null }): Promise<ConfirmConsent.Response> {
      const now = new Date();
      const link = await byToken(token);
      const refusal = usable(link, now);
      if (refusal) throw refusal;
      const requests = (await strapi.db.query(UIDS.consent).findMany({ where: { id: { $in: link.requests }, action: 'requested' }, orderBy: { seq: 'asc' } })) as ConsentRow[];
      const form = link.formKey
        ? ((await strapi.db.query(UIDS.form).findOne({ where: { key: link.formKey }, select: ['ipPolicy', 'successRedirectUrl'] })) as Pick<FormRow, 'ipPolicy' | 'successRedirectUrl'> | null)
        : null;
      const ipPolicy = (form?.ipPolicy ?? 'full') as IpPolicy;
      const personal = getService('personal', strapi);
      const sources = await personal.byIds(requests.map((r) => r.personalId));
      const recordedAt = new Date();
      const prepared = requests.map((target) => {
        const source = target.personalId ? sources.get(Number(target.personalId)) : null;
        return preparePersonal(
          { subject: source?.subject ?? null, ip: minimiseIp(request.ip, ipPolicy), userAgent: request.userAgent ? request.userAgent.slice(0, 1000) : null, pageQuery: null, data: null, note: null },
          recordedAt,
          source ? { emailHash: source.emailHash ?? null, phoneHash: source.phoneHash ?? null, externalHash: source.externalHash ?? null } : undefined
        );
      });
      const linkTable = strapi.db.metadata.get(UIDS.confirmation).tableName;
      const created = await strapi.db
        .transaction(async ({ trx }) => {
          const personalIds: (number | null)[] = [];
          for (const p of prepared) personalIds.push(p ? await personal.insert(trx, p.entry) : null);
          const events = requests.map((target, i) => ({
            action: 'confirmed',
            agreementId: target.agreementId,
            versionId: target.versionId,
            versionNumber: target.versionNumber,
            formKey: target.formKey,
            withdrawsId: target.id,
            receiptId: crypto.randomUUID(),
            channel: 'web',
            personalId: personalIds[i],
            personalHash: prepared[i]?.hash ?? null,
            ipPolicy: request.ip ? ipPolicy : null,
            recordedAt,
          }));
          return getService('chain', strapi).append(trx, events, async () => {
            // Under the chain lock: a click that raced this one, or the expiry job, is seen here.
            const current = await byToken(token, trx);
            const again = usable(current, new Date());
            if (again) throw new Refused(again);
            const { ended } = await openRequests(requests.map((r) => Number(r.id)), trx);
            if (ended.length) throw new Refused(ended.some((e) => e.action === 'expired') ? expiredError() : usedError());
            if (!events.length) throw new Refused(usedError());
            await trx(linkTable).where({ id: link.id }).whereNull('used_at').update({ used_at: recordedAt });
          });
        })
        .catch((e) => {
          if (e instanceof Refused) throw e.error;
          throw e;
        });
      return {
        data: {
          confirmed: created.map((e, i) => ({ agreement: Number(e.agreementId), receipt: String(requests[i].receiptId), recordedAt: recordedAt.toISOString() })),
          redirectUrl: form?.successRedirectUrl ?? null,
        },
      };
    },

    /**
     * `POST /api/user-consent/confirmations/resend`: a new link for every request of this address that
     * still waits and whose link still works (the old token stops working; the deadline stays). The
     * answer is the same whether or not anything was sent; `resendMax` per address and window.
     */
    async resend(input: ResendConfirmation.Body, origin: string | null): Promise<ResendConfirmation.Response> {
      const answer: ResendConfirmation.Response = { data: null, meta: { message: 'If a consent of this address waits for confirmation, a new link has been sent.' } };
      const key = getService('personal', strapi).lookupOf({ email: input.email });
      if (!key) return answer;
      const rl = (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).rateLimit;
      const count = await getStore(rl).hit(`doi-resend:${key.hash}`, config().resendWindowMs);
      if (count > config().resendMax) {
        throw new errors.RateLimitError('Too many requests for this address; try again later.', { code: 'rate-limited', params: {} });
      }
      const ids = await getService('personal', strapi).idsOf({ email: input.email });
      if (!ids.length) return answer;
      const pending: Row[] = await knex()(consents()).whereIn('personal_id', ids).where('action', 'requested').select('id');
      if (!pending.length) return answer;
      const { open } = await openRequests(pending.map((p) => Number(p.id)));
      if (!open.length) return answer;
      const now = new Date();
      const rows = (await links().findMany({ where: { requestId: { $in: open }, usedAt: null, expiresAt: { $gt: now } } })) as Row[];
      for (const row of rows) {
        const token = newConfirmationToken();
        await links().update({ where: { id: row.id }, data: { tokenHash: confirmationTokenHash(token), sentCount: Number(row.sentCount ?? 0) + 1, lastSentAt: now } });
        const requests: number[] = (row.requests ?? []).map(Number);
        const events = (await strapi.db.query(UIDS.consent).findMany({ where: { id: { $in: requests } }, select: ['id', 'versionId'] })) as Row[];
        const versions = (await strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: events.map((e) => e.versionId) } }, select: ['label'] })) as Row[];
        const form = row.formKey ? ((await strapi.db.query(UIDS.form).findOne({ where: { key: row.formKey }, select: ['name', 'doubleOptIn'] })) as Pick<FormInput, 'name' | 'doubleOptIn'> | null) : null;
        const language = languageOf(row.language);
        await send(
          input.email,
          renderMail(form?.doubleOptIn?.templates?.[language] ?? null, language, {
            agreement: versions.map((v) => v.label).join('; '),
            link: linkOf(baseUrl(origin), token, language),
            expires: new Date(row.expiresAt),
            form: form?.name ?? '',
          })
        );
      }
      return answer;
    },

    /** `GET /user-consent/forms/:id/double-opt-in`: the form's requests, and how many were confirmed or expired. */
    async counts(formKey: string) {
      const t = consents();
      const rows: Row[] = await knex()({ r: t })
        .leftJoin({ e: t }, (j) => {
          j.on('e.withdraws_id', '=', 'r.id').andOnIn('e.action', ['confirmed', 'expired']);
        })
        .where('r.form_key', formKey)
        .where('r.action', 'requested')
        .select('e.action')
        .count({ n: '*' })
        .groupBy('e.action');
      const of = (action: string | null) => Number(rows.find((r) => (r.action ?? null) === action)?.n ?? 0);
      return { requested: rows.reduce((sum, r) => sum + Number(r.n), 0), confirmed: of('confirmed'), expired: of('expired') };
    },
  };
};

export default doubleOptIn;
