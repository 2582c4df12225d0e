import { UIDS } from '../../pluginId';
import { getService } from '../../utils';
import { htmlToText } from '../../utils/sanitize';
import { personalMatches } from '../../events/personal';
import { shownText } from '../agreement';
import type { LogQueries } from './query';
import { recordDetail } from './detail';
import type { ConsentProofData, ProofSignature } from '../../../../shared/contracts/log';

type Row = Record<string, any>;

/**
 * The signature a receipt may carry (added by the receipt signing; absent before it). Read through this
 * optional type, so the proof works with receipts signed or not.
 */
type MaybeSigned = { signature?: ProofSignature | null };

const signatureOf = (receipt: (Record<string, unknown> & MaybeSigned) | null): ProofSignature | null => {
  const s = receipt?.signature;
  if (!s || typeof s !== 'object' || typeof s.jws !== 'string' || !s.jws) return null;
  return { alg: String(s.alg ?? ''), kid: String(s.kid ?? ''), jws: s.jws };
};

/**
 * What the proof-of-consent document of one event says: the record page's content (recordDetail, which
 * decides what a reader without the personal-data action sees), with what can be checked for this one
 * event recomputed now: its own hash and link (from the record page), the version's text against its
 * hash, and the personal record against the keyed hash the event carries.
 */
export const consentProof = (strapi: any, q: LogQueries) => {
  const detail = recordDetail(strapi, q);
  return async (id: number, { personal }: { personal: boolean }): Promise<ConsentProofData> => {
    const d = await detail(id, { personal });
    const r = d.record as Row;
    const v = d.version as Row | null;
    const shown = v ? shownText(v, r.language ?? null) : null;
    const own: Row | null = r.personalId != null ? await getService('personal', strapi).byId(r.personalId) : null;
    const form: Row | null = r.formKey ? await strapi.db.query(UIDS.form).findOne({ where: { key: r.formKey }, select: ['name'] }) : null;

    // Without the personal-data action the record page's receipt has no subject and a detached signature.
    const full = d.receipt as (Record<string, any> & MaybeSigned) | null;
    const signature = signatureOf(full);
    let receipt: Record<string, unknown> | null = null;
    if (full) {
      const { signature: _s, ...content } = full;
      receipt = content;
    }

    const who: ConsentProofData['who'] = !r.personalId
      ? { status: 'none' }
      : r.personal?.erased
        ? { status: 'erased', erasedAt: r.personal.erasedAt ? new Date(r.personal.erasedAt).toISOString() : null }
        : !personal
          ? { status: 'hidden' }
          : {
              status: 'shown',
              subject: (r.subject as Record<string, string> | null) ?? null,
              ip: r.ip ?? null,
              userAgent: r.userAgent ?? null,
              pageQuery: r.pageQuery ?? null,
              data: (d.submission?.data as Record<string, unknown> | undefined) ?? null,
            };

    return {
      generatedAt: new Date().toISOString(),
      personalData: personal,
      event: {
        id: Number(r.id),
        seq: String(r.seq),
        action: r.action,
        state: r.state ?? null,
        recordedAt: new Date(r.recordedAt).toISOString(),
        collectedAt: r.collectedAt ?? null,
        expiresAt: r.expiresAt ?? null,
        channel: r.channel ?? null,
        receiptId: r.receiptId ?? null,
      },
      who,
      where: { formKey: r.formKey ?? null, formName: form?.name ?? null, pageUrl: r.pageUrl ?? null },
      how: {
        behaviour: d.expressed.behaviour ?? null,
        prechecked: d.expressed.prechecked,
        fullTextOpened: d.expressed.fullTextOpened,
        ...(d.expressed.dataShown?.length ? { dataShown: d.expressed.dataShown } : {}),
      },
      agreement: d.agreement ? { id: Number(d.agreement.id), name: d.agreement.name } : null,
      // The text in the language shown (recorded with the decision), under that language's own hash.
      version: v && shown
        ? {
            id: Number(v.id),
            number: v.number == null ? null : Number(v.number),
            language: shown.language,
            label: shown.label,
            // As shown: in the language shown, with the captions its data list showed (the hash below is
            // of the version as stored).
            text: v.textShown || shown.text || htmlToText(v.htmlShown ?? shown.html ?? ''),
            externalUrl: v.externalUrl ?? null,
            hash: shown.hash || null,
            hashValid: shown.hash ? shown.hashValid : null,
          }
        : null,
      chain: d.chain,
      personalRecord: !r.personalId || !r.personalHash ? 'none' : !own ? 'erased' : personalMatches(own, r.personalHash) ? 'matches' : 'altered',
      receipt,
      signature,
      signatureDetached: Boolean(signature && !personal),
      withdrawals: d.withdrawals.map((w: Row) => ({ seq: String(w.seq), recordedAt: new Date(w.recordedAt).toISOString(), channel: w.channel ?? null, receiptId: w.receiptId ?? null })),
      withdraws: d.withdraws ? { seq: String(d.withdraws.seq), action: d.withdraws.action, receiptId: d.withdraws.receiptId ?? null, recordedAt: new Date(d.withdraws.recordedAt).toISOString() } : null,
      operators: ((full?.piiControllers as Row[] | undefined) ?? []).map((c) => ({ name: String(c.piiController ?? ''), address: typeof c.address === 'string' ? c.address : c.address ? Object.values(c.address).filter(Boolean).join(', ') : null })),
    };
  };
};
