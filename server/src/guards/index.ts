import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { UIDS, PLUGIN_ID } from '../pluginId';
import {
  assertAdvertisingAttachments,
  assertAdvertisingOptional,
  assertAgreementDeletable,
  assertAgreementDetached,
  assertCompanyDeletable,
  assertFormDeletable,
  assertFormKeyChangeable,
  immutableRefusal,
  ruleOfTriggerReason,
} from '../rules';
import { isTriggerRefusal, triggerReason } from './messages';
import { dropGuardTriggersBeforeSync } from './triggers';
import { removeTemporaryFiles } from '../imports/temporary';

type Where = Record<string, unknown>;

/**
 * The rules on deletes, for the rows a `where` matches: an agreement with consents or attached to a
 * form, a company agreements use, a form with consents. The same functions the services call.
 */
const checkDelete = async (strapi: Core.Strapi, uid: string, where: Where) => {
  if (uid === UIDS.agreement) {
    const ids = (await strapi.db.query(UIDS.agreement).findMany({ where, select: ['id'] })).map((r: { id: number }) => r.id);
    await assertAgreementDeletable(strapi, ids);
    await assertAgreementDetached(strapi, ids);
  } else if (uid === UIDS.company) {
    const ids = (await strapi.db.query(UIDS.company).findMany({ where, select: ['id'] })).map((r: { id: number }) => r.id);
    await assertCompanyDeletable(strapi, ids);
  } else if (uid === UIDS.form) {
    const keys = (await strapi.db.query(UIDS.form).findMany({ where, select: ['key'] })).map((r: { key: string }) => r.key);
    await assertFormDeletable(strapi, keys);
  }
};

/** The rules on updates: a form that has consents keeps its key. */
const checkUpdate = async (strapi: Core.Strapi, uid: string, where: Where, data: Record<string, unknown> | undefined) => {
  if (uid === UIDS.form && typeof data?.key === 'string') {
    const keys = (await strapi.db.query(UIDS.form).findMany({ where, select: ['key'] })).map((r: { key: string }) => r.key);
    await assertFormKeyChangeable(strapi, keys, data.key);
  }
  await checkWrite(strapi, uid, data, where);
};

/**
 * The rules on what a create or an update writes: an advertising agreement is only an optional,
 * unticked box of a form, whether the form's list changes or the agreement becomes an advertising one.
 */
const checkWrite = async (strapi: Core.Strapi, uid: string, data: Record<string, unknown> | undefined, where?: Where) => {
  if (uid === UIDS.form && Array.isArray(data?.agreements)) await assertAdvertisingOptional(strapi, data.agreements as never);
  if (uid === UIDS.agreement && where && data && ('template' in data || 'purposes' in data || 'type' in data)) {
    const rows = await strapi.db.query(UIDS.agreement).findMany({ where, select: ['id', 'name', 'type', 'template', 'purposes'] });
    for (const row of rows) await assertAdvertisingAttachments(strapi, { ...row, ...data, id: row.id });
  }
};

const refuseImmutable = (uid: string) => {
  const refusal = immutableRefusal(uid);
  if (refusal) throw refusal;
};

/**
 * Document Service middleware: the path of the Content Manager (single and bulk actions) and of any
 * code calling strapi.documents(). The plugin itself writes its append-only tables through the
 * query engine, so every document-service write to them is refused here.
 */
const registerDocumentMiddleware = (strapi: Core.Strapi) => {
  const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
  strapi.documents.use(async (ctx, next) => {
    if (WRITES.has(ctx.action)) refuseImmutable(ctx.uid);
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (params.documentId && ctx.action === 'delete') await checkDelete(strapi, ctx.uid, { documentId: params.documentId });
    if (params.documentId && ctx.action === 'update') await checkUpdate(strapi, ctx.uid, { documentId: params.documentId }, params.data);
    if (ctx.action === 'create') await checkWrite(strapi, ctx.uid, params.data);
    return next();
  });
};

interface DbEvent {
  model: { uid: string };
  params: { where?: Where; data?: Record<string, unknown> };
}

/**
 * Database lifecycles: the query-engine path (strapi.db.query(...).update/delete/...Many), which the
 * document middleware does not see. Lifecycles also fire for document actions in Strapi 5
 * (publish/unpublish/discard fire delete events), which is why they guard only these tables.
 */
const registerLifecycles = (strapi: Core.Strapi) => {
  const onUpdate = async (event: DbEvent) => {
    refuseImmutable(event.model.uid);
    await checkUpdate(strapi, event.model.uid, event.params.where ?? {}, event.params.data);
  };
  const onCreate = async (event: DbEvent) => checkWrite(strapi, event.model.uid, event.params.data);
  const onDelete = async (event: DbEvent) => {
    refuseImmutable(event.model.uid);
    await checkDelete(strapi, event.model.uid, event.params.where ?? {});
  };
  strapi.db.lifecycles.subscribe({
    models: [UIDS.consent, UIDS.agreementVersion, UIDS.agreement, UIDS.company, UIDS.form],
    beforeCreate: onCreate,
    beforeUpdate: onUpdate,
    beforeUpdateMany: onUpdate,
    beforeDelete: onDelete,
    beforeDeleteMany: onDelete,
  } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};

/**
 * An application middleware placed right inside strapi::errors: a refusal that only the database
 * trigger caught (raw SQL in some custom code) reaches the client as its rule's error (the same
 * status, name, message and details.code as on every other path), not as a 500. Being outside the
 * body parser and the route's policies, it is also where an import's temporary upload files are
 * removed, whatever the answer (imports/temporary.ts).
 */
export const refusalsMiddleware = () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (isTriggerRefusal(error)) {
      const reason = triggerReason(error);
      throw ruleOfTriggerReason(reason) ?? new errors.PolicyError(reason, { code: 'immutable', params: {}, reason: 'immutable' });
    }
    // A body that does not parse, on the plugin's public routes: a plain 400. The parser's own message
    // quotes the body, and Strapi would log it: what a client typed must never reach the logs.
    if (ctx.path.startsWith(`/api/${PLUGIN_ID}/`) && isBodyParseError(error)) {
      throw new errors.ValidationError('The request body is not a valid JSON object.', { code: 'invalid-json', params: {} });
    }
    throw error;
  } finally {
    if (ctx.path.startsWith(`/${PLUGIN_ID}/imports`)) await removeTemporaryFiles(ctx);
  }
};

const isBodyParseError = (error: unknown) => {
  const e = error as { name?: string; type?: string; status?: number; message?: string };
  return (
    e?.name === 'SyntaxError' ||
    e?.type === 'entity.parse.failed' ||
    /invalid JSON|forbidden prototype property|Unexpected (end|token)/i.test(String(e?.message ?? ''))
  );
};

const insertRefusalsMiddleware = (strapi: Core.Strapi) => {
  const name = `plugin::${PLUGIN_ID}.refusals`;
  const list = (strapi.config.get('middlewares') as unknown[]) ?? [];
  if (list.includes(name)) return;
  const at = list.findIndex((m) => m === 'strapi::errors' || (m as { name?: string })?.name === 'strapi::errors');
  const next = [...list];
  next.splice(at >= 0 ? at + 1 : 0, 0, name);
  strapi.config.set('middlewares', next);
};

export const registerGuards = (strapi: Core.Strapi) => {
  registerDocumentMiddleware(strapi);
  registerLifecycles(strapi);
  insertRefusalsMiddleware(strapi);
  // The guard triggers name other tables: out of the way of the schema sync (SQLite), back at bootstrap.
  strapi.hook('strapi::content-types.beforeSync').register(() => dropGuardTriggersBeforeSync(strapi));
};
