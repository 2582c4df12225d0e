import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, UIDS } from '../pluginId';
import { getService } from '../utils';
import { sha256 } from '../utils/hash';
import { subjectDecisions } from '../events/states';
import { isoOf } from '../events/raw-rows';
import { getStore } from '../middlewares/rate-limit';
import { myConsentsMail, receiptMail, type Mail } from './mail';
import { SELF_LINK_MINUTES, type MyConsent, type SelfLang } from '../../../shared/contracts/self-service';
import type { ReceiptRef, WithdrawalResult } from '../../../shared/contracts/public';
import type { PluginConfig } from '../config';
import type { LoadedForm } from '../services/form';
import type { WebRequest } from '../services/consent';
import type { AgreementVersionRow, ConsentRow } from '../types';

/** Links asked for one address, and by one IP, within a quarter of an hour. */
export const LINKS_PER_ADDRESS = 3;
export const LINKS_PER_IP = 20;
const LINK_WINDOW_MS = 15 * 60_000;
const MINUTE = 60_000;

const newSecret = () => crypto.randomBytes(32).toString('base64url');
const linkHash = (token: string) => sha256(`self-link:${token}`);
const sessionHash = (token: string) => sha256(`self-session:${token}`);

const invalidLink = () =>
  new errors.PolicyError('This link is not valid: it is used once and expires; ask for a new one.', { code: 'link-invalid', params: {} });
const invalidSession = () =>
  new errors.PolicyError('This session has ended; ask for a new link.', { code: 'session-invalid', params: {} });
const unknownReceipt = () => new errors.NotFoundError('Receipt not found', { code: 'not-found', params: { entity: 'receipt' } });

type LinkRow = { id: number; lookupHash: string; sessionExpiresAt: string | Date | null };

/**
 * The person's side: the receipt link mailed after a submission, and "My consents" reached through a
 * link mailed to a verified address. Tokens are random; only their hashes are stored, and neither a
 * token nor an address is ever logged. Mail goes through Strapi's email plugin after the consent is
 * stored and never decides the answer: a failure is logged without personal data and counted.
 */
const selfService = ({ strapi }: { strapi: Core.Strapi }) => {
  const links = () => strapi.db.query(UIDS.selfLink);
  let mailFailures = 0;
  const pending = new Set<Promise<void>>();

  /** The plugin's public URL, as the app's `server.url` (or host and port) says: what mailed links point at. */
  const apiUrl = () => {
    const base = String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/+$/, '');
    const prefix = String(strapi.config.get('api.rest.prefix') ?? '/api').replace(/\/+$/, '');
    return `${base}${prefix}/${PLUGIN_ID}`;
  };

  const send = (to: string, mail: Mail, what: string) => {
    const job = (async () => {
      const email = strapi.plugin('email')?.service('email');
      if (!email) throw Object.assign(new Error('the email plugin is not installed'), { code: 'NO_EMAIL_PLUGIN' });
      await email.send({ to, subject: mail.subject, text: mail.text, html: mail.html });
    })().catch((e: { code?: unknown; name?: unknown }) => {
      mailFailures += 1;
      // The error's message may quote the address: only its code or class is logged.
      strapi.log.warn(`[${PLUGIN_ID}] a ${what} e-mail could not be sent (${String(e?.code ?? e?.name ?? 'error')}); failures so far: ${mailFailures}`);
    });
    pending.add(job);
    void job.finally(() => pending.delete(job));
    return job;
  };

  const openSession = async (token: string): Promise<LinkRow> => {
    const row = (await links().findOne({ where: { sessionHash: sessionHash(token), sessionExpiresAt: { $gt: new Date() } } })) as LinkRow | null;
    if (!row) throw invalidSession();
    return row;
  };

  return {
    /** Mail failures since the process started (receipt and link mails). */
    mailFailures: () => mailFailures,
    /** Resolves when the mails under way have been handed over or failed (tests, shutdown). */
    async settled() {
      await Promise.all([...pending]);
    },

    /**
     * After a submission on a form with the switch on: mails the link to the receipt page (all the
     * submission's receipts, in its fragment) to the subject's e-mail. Called once the consent is stored.
     */
    mailReceipt(form: Pick<LoadedForm, 'name' | 'agreements'>, to: string, receipts: ReceiptRef[]) {
      if (!receipts.length) return;
      const lang: SelfLang = form.agreements.find((a) => a.language)?.language === 'ru' ? 'ru' : 'en';
      const link = `${apiUrl()}/pages/receipt?lang=${lang}#${receipts.map((r) => `r=${r.id}.${r.token}`).join('&')}`;
      void send(to, receiptMail(lang, form.name, link), 'receipt');
    },

    /**
     * `POST /me/link`: the same answer whatever the address. A link is mailed only when consents are
     * recorded for it, and at most LINKS_PER_ADDRESS times per quarter of an hour.
     */
    async requestLink(email: string, lang: SelfLang, ip: string | null): Promise<void> {
      const rl = (strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).rateLimit;
      if (rl.enabled && (await getStore(rl).hit(`me-link:${ip}`, LINK_WINDOW_MS)) > LINKS_PER_IP) {
        throw new errors.RateLimitError('Too many requests from this address; try again later.', { code: 'rate-limited', params: {} });
      }
      const people = getService('personal', strapi);
      const key = people.lookupOf({ email })!;
      const now = new Date();
      // Old links go (their hashes say nothing once expired); then the address's recent ones are counted.
      await links().deleteMany({ where: { expiresAt: { $lt: new Date(now.getTime() - 24 * 60 * MINUTE) } } });
      const recent = await links().count({ where: { lookupHash: key.hash, createdAt: { $gt: new Date(now.getTime() - LINK_WINDOW_MS) } } });
      if (recent >= LINKS_PER_ADDRESS) return;
      const known = (await people.idsOf({ email })).length > 0;
      // A link is stored for an unknown address too (it is never sent): both cases do the same work.
      const token = newSecret();
      await links().create({ data: { linkHash: linkHash(token), lookupHash: key.hash, expiresAt: new Date(now.getTime() + SELF_LINK_MINUTES * MINUTE) } });
      if (known) void send(email, myConsentsMail(lang, `${apiUrl()}/pages/me?lang=${lang}#token=${token}`, SELF_LINK_MINUTES), 'my-consents link');
    },

    /** `POST /me/session`: a mailed link's token, used once before it expires, opens a session. */
    async openLink(token: string): Promise<{ session: string; expiresAt: string; consents: MyConsent[] }> {
      const now = new Date();
      const session = newSecret();
      const expiresAt = new Date(now.getTime() + SELF_LINK_MINUTES * MINUTE);
      // One statement claims the link: two tabs opening it at once get one session between them.
      const { count } = (await links().updateMany({
        where: { linkHash: linkHash(token), usedAt: null, expiresAt: { $gt: now } },
        data: { usedAt: now, sessionHash: sessionHash(session), sessionExpiresAt: expiresAt },
      })) as { count: number };
      if (count !== 1) throw invalidLink();
      const row = (await links().findOne({ where: { linkHash: linkHash(token) } })) as LinkRow;
      return { session, expiresAt: expiresAt.toISOString(), consents: await this.consentsOf(row.lookupHash) };
    },

    /** `POST /me/consents`: the list again for an open session. */
    async list(session: string): Promise<MyConsent[]> {
      return this.consentsOf((await openSession(session)).lookupHash);
    },

    /** Every agreement the person with this e-mail look-up hash decided on, as the status API sees it. */
    async consentsOf(hash: string): Promise<MyConsent[]> {
      const decisions = await subjectDecisions(strapi, { column: 'email_hash', hash });
      const versionIds = [...new Set(decisions.map((d) => d.decision.versionId).filter((v): v is number => v != null))];
      const versions = (
        versionIds.length ? await strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: versionIds } }, select: ['id', 'label'] }) : []
      ) as Pick<AgreementVersionRow, 'id' | 'label'>[];
      const labelOf = new Map(versions.map((v) => [Number(v.id), v.label]));
      const actionOf = new Map(
        ((decisions.length
          ? await strapi.db.query(UIDS.consent).findMany({ where: { id: { $in: decisions.map((d) => d.decision.id) } }, select: ['id', 'action'] })
          : []) as Pick<ConsentRow, 'id' | 'action'>[]).map((r) => [Number(r.id), r.action])
      );
      return decisions
        .map((d): MyConsent => {
          // A double opt-in request stands for a given consent: confirmed or still waiting, it can be withdrawn.
          const action = actionOf.get(Number(d.decision.id));
          const given = action === 'given' || action === 'requested';
          return {
            agreement: d.agreement,
            label: (d.decision.versionId != null && labelOf.get(d.decision.versionId)) || `#${d.agreement}`,
            version: d.decision.versionId,
            versionNumber: d.decision.versionNumber,
            textUrl: d.decision.versionId != null ? `/api/${PLUGIN_ID}/versions/${d.decision.versionId}/text` : null,
            state: d.state,
            decidedAt: isoOf(d.decision.collectedAt ?? d.decision.recordedAt) ?? '',
            endedAt: d.endedBy ? isoOf(d.endedBy.recordedAt) : null,
            receipt: d.decision.receiptId,
            withdrawable: given && (d.state === 'given' || d.state === 'outdated' || d.state === 'expired' || d.state === 'pending'),
          };
        })
        .sort((a, b) => a.agreement - b.agreement);
    },

    /**
     * `POST /me/withdrawals`: withdraws one of the session's person's given consents: a `withdrawn`
     * event on channel `self-service`. A receipt of someone else is the same 404 as an unknown one.
     */
    async withdraw(session: string, receipt: string, request: WebRequest): Promise<WithdrawalResult> {
      const { lookupHash } = await openSession(session);
      const event = (await strapi.db.query(UIDS.consent).findOne({ where: { receiptId: receipt, action: { $in: ['given', 'requested'] } } })) as ConsentRow | null;
      if (!event?.personalId) throw unknownReceipt();
      const people = getService('personal', strapi);
      const mine = await strapi.db.connection(people.table()).where({ id: Number(event.personalId), email_hash: lookupHash }).first('id');
      if (!mine) throw unknownReceipt();
      return getService('consent', strapi).withdraw(event, { channel: 'self-service', ip: request.ip, userAgent: request.userAgent });
    },
  };
};

export default selfService;
