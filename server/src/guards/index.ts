import type { Core } from '@strapi/strapi';
import { UIDS, PLUGIN_ID } from '../pluginId';
import { errors } from '@strapi/utils';
import { IMMUTABLE, refusal, isTriggerRefusal, triggerReason } from './messages';

type Row = Record<string, any>;

const IMMUTABLE_UIDS: Record<string, string> = {
  [UIDS.consent]: IMMUTABLE.consent,
  [UIDS.agreementVersion]: IMMUTABLE['agreement-version'],
};

/** Refuses to delete agreements that have consents and companies that agreements use. */
const checkDeletable = async (strapi: Core.Strapi, uid: string, where: Row) => {
  if (uid === UIDS.agreement) {
    const ids = (await strapi.db.query(UIDS.agreement).findMany({ where, select: ['id'] })).map((r: Row) => r.id);
    if (!ids.length) return;
    const consents = await strapi.db.query(UIDS.consent).count({ where: { agreementId: { $in: ids } } });
    if (consents) {
      throw refusal(`This agreement has ${consents} consent record(s) and cannot be deleted; deactivate it instead.`, 'agreement-has-consents');
    }
  }
  if (uid === UIDS.company) {
    const ids = (await strapi.db.query(UIDS.company).findMany({ where, select: ['id'] })).map((r: Row) => r.id);
    if (!ids.length) return;
    const used = await strapi.db.query(UIDS.agreement).count({ where: { companyId: { $in: ids } } });
    if (used) {
      throw refusal(`This company is used by ${used} agreement(s) and cannot be deleted. Point those agreements to another company first.`, 'company-in-use');
    }
  }
};

/**
 * Document Service middleware: the path of the Content Manager (single and bulk actions) and of any
 * code calling strapi.documents(). The plugin itself writes its append-only tables through the
 * query engine, so every document-service write to them is refused here.
 */
const registerDocumentMiddleware = (strapi: Core.Strapi) => {
  const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
  strapi.documents.use(async (ctx, next) => {
    const message = IMMUTABLE_UIDS[ctx.uid];
    if (message && WRITES.has(ctx.action)) throw refusal(message);
    if (ctx.action === 'delete' && (ctx.uid === UIDS.agreement || ctx.uid === UIDS.company)) {
      const documentId = (ctx.params as Row)?.documentId;
      if (documentId) await checkDeletable(strapi, ctx.uid, { documentId });
    }
    return next();
  });
};

/**
 * Database lifecycles: the query-engine path (strapi.db.query(...).update/delete/...Many), which the
 * document middleware does not see. Lifecycles also fire for document actions in Strapi 5
 * (publish/unpublish/discard fire delete events), which is why they guard only these tables.
 */
const registerLifecycles = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [UIDS.consent, UIDS.agreementVersion, UIDS.agreement, UIDS.company],
    async beforeUpdate(event: any) {
      const message = IMMUTABLE_UIDS[event.model.uid];
      if (message) throw refusal(message);
    },
    async beforeUpdateMany(event: any) {
      const message = IMMUTABLE_UIDS[event.model.uid];
      if (message) throw refusal(message);
    },
    async beforeDelete(event: any) {
      const message = IMMUTABLE_UIDS[event.model.uid];
      if (message) throw refusal(message);
      await checkDeletable(strapi, event.model.uid, event.params.where ?? {});
    },
    async beforeDeleteMany(event: any) {
      const message = IMMUTABLE_UIDS[event.model.uid];
      if (message) throw refusal(message);
      await checkDeletable(strapi, event.model.uid, event.params.where ?? {});
    },
  } as any);
};

/**
 * An application middleware placed right inside strapi::errors: a refusal that only the database
 * trigger caught (raw SQL in some custom code) reaches the client as the same 403 with its reason,
 * not as a 500.
 */
export const refusalsMiddleware = () => async (ctx: { path: string }, next: () => Promise<void>) => {
  try {
    await next();
  } catch (error) {
    if (isTriggerRefusal(error)) throw refusal(triggerReason(error));
    // A body that does not parse, on the plugin's public routes: a plain 400. The parser's own message
    // quotes the body, and Strapi would log it: what a client typed must never reach the logs.
    if (ctx.path.startsWith(`/api/${PLUGIN_ID}/`) && isBodyParseError(error)) {
      throw new errors.ValidationError('The request body is not a valid JSON object.');
    }
    throw error;
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
  const at = list.findIndex((m) => m === 'strapi::errors' || (m as Row)?.name === 'strapi::errors');
  const next = [...list];
  next.splice(at >= 0 ? at + 1 : 0, 0, name);
  strapi.config.set('middlewares', next);
};

export const registerGuards = (strapi: Core.Strapi) => {
  registerDocumentMiddleware(strapi);
  registerLifecycles(strapi);
  insertRefusalsMiddleware(strapi);
};
