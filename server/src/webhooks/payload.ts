import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { chunks } from '../events/rows';
import { isoOf, jsonColumn } from '../events/raw-rows';
import { dataShownOf } from '../templates/form-fields';
import { webhookEventOf, type ConsentEventPayload } from '../../../shared/contracts/webhooks';

type Row = Record<string, any>;

/** Receipts an `erased` payload names at most (a retention act may cover many more records). */
const MAX_ERASED_RECEIPTS = 1000;

/** The state a consent event puts its consent in. */
const STATE_OF: Record<string, string> = { given: 'given', refused: 'refused', withdrawn: 'withdrawn', expired: 'expired', erased: 'erased', requested: 'pending', confirmed: 'given' };

/** Only the identifiers a receiver acts on (not the name, not what the form's fields held). */
const subjectOf = (personal: Row | undefined): ConsentEventPayload['subject'] => {
  const s: Row | null = personal?.subject ?? null;
  if (!s) return null;
  const out: NonNullable<ConsentEventPayload['subject']> = {};
  if (s.email) out.email = String(s.email);
  if (s.phone) out.phone = String(s.phone);
  const external = s.externalId ?? s.id;
  if (external) out.externalId = String(external);
  return Object.keys(out).length ? out : null;
};

/**
 * The payloads of chained events, by seq, read at delivery time: what the event proves, and the
 * subject's identifiers from its personal record while that exists (an erased record yields
 * `subject: null, erased: true`). Nothing personal is ever stored for a delivery: it is read here
 * each time.
 */
export const buildPayloads = async (strapi: Core.Strapi, seqs: string[]): Promise<Map<string, Omit<ConsentEventPayload, never>>> => {
  const knex: Knex = strapi.db.connection;
  const consents = strapi.db.metadata.get(UIDS.consent).tableName;
  const events: Row[] = [];
  for (const part of chunks(seqs)) {
    events.push(
      ...(await knex(consents)
        .whereIn('seq', part)
        .select('id', 'seq', 'action', 'agreement_id', 'version_id', 'version_number', 'form_key', 'receipt_id', 'withdraws_id', 'channel', 'personal_id', 'erasure', 'recorded_at', 'collected_at', 'choices', 'data_shown'))
    );
  }
  const people = await getService('personal', strapi).byIds(events.map((e) => e.personal_id));
  const agreementIds = [...new Set(events.map((e) => Number(e.agreement_id)).filter((id) => id > 0))];
  const agreements: Row[] = agreementIds.length ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: agreementIds } }, select: ['id', 'name'] }) : [];
  const nameOf = new Map(agreements.map((a) => [Number(a.id), a.name ?? null]));
  const withdrawn = events.map((e) => e.withdraws_id).filter((id) => id != null);
  const receiptOf = new Map<number, string>();
  for (const part of chunks(withdrawn)) {
    for (const r of await knex(consents).whereIn('id', part).select('id', 'receipt_id')) receiptOf.set(Number(r.id), r.receipt_id);
  }

  const out = new Map<string, ConsentEventPayload>();
  for (const e of events) {
    const seq = String(e.seq);
    const personal = e.personal_id != null ? people.get(Number(e.personal_id)) : undefined;
    const shown = dataShownOf({ dataShown: e.data_shown });
    const payload: ConsentEventPayload = {
      event: webhookEventOf(e.action),
      delivery: seq,
      consent: {
        seq,
        action: e.action,
        state: STATE_OF[e.action] ?? e.action,
        receiptId: e.receipt_id ?? null,
        agreement: e.agreement_id != null ? { id: Number(e.agreement_id), name: nameOf.get(Number(e.agreement_id)) ?? null } : null,
        version: e.version_id != null || e.version_number != null ? { id: e.version_id != null ? Number(e.version_id) : null, number: e.version_number != null ? Number(e.version_number) : null } : null,
        form: e.form_key ?? null,
        channel: e.channel ?? null,
        recordedAt: isoOf(e.recorded_at) as string,
        // A consent collected elsewhere (channel import): when the person gave it.
        ...(e.collected_at != null ? { collectedAt: isoOf(e.collected_at) } : {}),
        ...(e.withdraws_id != null ? { withdraws: receiptOf.get(Number(e.withdraws_id)) ?? null } : {}),
        // What the person chose inside the agreement, and the data list its text showed (proof fields, when set).
        ...(e.choices != null ? { choices: jsonColumn(e.choices) } : {}),
        ...(shown.length ? { dataShown: shown } : {}),
      },
      subject: subjectOf(personal),
      erased: e.personal_id != null && !personal,
    };
    if (e.action === 'erased') {
      const erasure: Row = jsonColumn(e.erasure) ?? {};
      const ids: number[] = Array.isArray(erasure.personal) ? erasure.personal.map(Number) : [];
      const receipts: string[] = [];
      for (const part of chunks(ids)) {
        if (receipts.length >= MAX_ERASED_RECEIPTS) break;
        const rows: Row[] = await knex(consents).whereIn('personal_id', part).whereNotNull('receipt_id').whereNot('action', 'erased').orderBy('seq').select('receipt_id');
        receipts.push(...rows.map((r) => r.receipt_id));
      }
      payload.erased = true;
      payload.erasure = { id: Number(erasure.id), kind: String(erasure.kind), reason: String(erasure.reason), records: ids.length, receipts: receipts.slice(0, MAX_ERASED_RECEIPTS) };
    }
    out.set(seq, payload);
  }
  return out;
};
