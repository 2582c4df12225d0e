import { getService } from '../../utils';
import type { LogQuery } from '../../validation/log';
import { isoOf } from './format';
import { stateSql, statesOf } from '../../events/states';
import { replicaStatus, usesReplica } from '../../events/replica';
import { assertPersonalFilter, SORT_COLUMNS, type LogQueries } from './query';

type Row = Record<string, any>;

/** One page of the consent log, filtered and sorted, with each row's agreement name and personal data. */
export const listLog = (strapi: any, { knex, consentTable, personalTable, applyFilter, prepareFilter, agreementNames }: LogQueries) =>
  async (query: LogQuery, { personal }: { personal: boolean }) => {
    assertPersonalFilter(query, personal);
    const q = await prepareFilter(query);
    const k = knex();
    const table = consentTable();
    // The IP lives in the personal store: sorting by it joins the records (an erased one sorts as no IP).
    const byIp = q.sort === 'ip';
    const peopleTable = personalTable();
    const sortColumn = byIp ? `${peopleTable}.ip` : `${table}.${SORT_COLUMNS[q.sort] ?? 'recorded_at'}`;
    const columns = ['id', 'seq', 'recorded_at', 'action', 'agreement_id', 'version_id', 'version_number', 'form_key', 'page_url', 'channel', 'withdraws_id', 'receipt_id', 'personal_id', 'expires_at', 'collected_at'];
    const base = byIp ? k(table).leftJoin(peopleTable, `${peopleTable}.id`, `${table}.personal_id`) : k(table);
    const selected = applyFilter(base.select(columns.map((col) => `${table}.${col}`)), q);
    // The state is derived (events/states.ts): sorting by it orders by the rule's CASE expression, on
    // the server, so that it holds across pages (a few indexed look-ups per row).
    const state = q.sort === 'state' ? stateSql(strapi).orderExpression() : null;
    const ordered = state
      ? selected.orderByRaw(`${state.sql} ${q.order === 'asc' ? 'ASC' : 'DESC'}`, state.bindings as any[]).orderBy(`${table}.seq`, q.order)
      : selected.orderBy([{ column: sortColumn, order: q.order }, ...(sortColumn === `${table}.seq` ? [] : [{ column: `${table}.seq`, order: q.order }])]);
    const select = ordered
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize);
    const count = applyFilter(k(table).count({ count: '*' }), q, { counting: true });
    const [rows, counted] = await Promise.all([
      select.then(async (found: Row[]) => ({
        found,
        names: await agreementNames(found.map((r) => r.agreement_id)),
        // The personal records of the page; one that is gone was erased (verification tells an
        // erasure from a removal).
        people: await getService('personal', strapi).byIds(found.map((r) => r.personal_id), k),
      })),
      count,
    ]);
    const total = Number((counted as Row[])[0]?.count ?? 0);
    const { found, names, people } = rows;
    const states = await statesOf(
      strapi,
      found.map((r) => ({ id: r.id, action: r.action, agreementId: r.agreement_id, versionNumber: r.version_number, personalId: r.personal_id, expiresAt: r.expires_at })),
      { present: [...people.keys()].map(Number) }
    );
    return {
      data: found.map((r: Row) => ({
        id: r.id,
        seq: String(r.seq),
        recordedAt: isoOf(r.recorded_at),
        action: r.action,
        agreementId: r.agreement_id,
        versionId: r.version_id,
        versionNumber: r.version_number,
        formKey: r.form_key,
        pageUrl: r.page_url,
        ip: personal ? people.get(Number(r.personal_id))?.ip ?? null : null,
        subject: personal ? people.get(Number(r.personal_id))?.subject ?? null : null,
        erased: r.personal_id != null && !people.has(Number(r.personal_id)),
        expiresAt: isoOf(r.expires_at),
        collectedAt: isoOf(r.collected_at),
        state: states.get(Number(r.id)) ?? null,
        channel: r.channel,
        withdrawsId: r.withdraws_id,
        receiptId: r.receipt_id,
        agreementName: names.get(Number(r.agreement_id)) ?? null,
      })),
      meta: {
        pagination: { page: q.page, pageSize: q.pageSize, pageCount: Math.ceil(total / q.pageSize), total },
        personalData: personal,
        ...(usesReplica(strapi) ? { replica: (await replicaStatus(strapi))! } : {}),
      },
    };
  };
