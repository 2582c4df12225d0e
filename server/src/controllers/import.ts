import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import type { IncomingFile } from '../services/import';

/** A multipart file field: the first file when a client sent several under one name. */
const fileOf = (ctx: Context, name: string): IncomingFile | undefined => {
  const f = (ctx.request as any).files?.[name];
  return (Array.isArray(f) ? f[0] : f) ?? undefined;
};

// The request's temporary files are removed by the refusals middleware (guards/index.ts), which also
// sees the requests a policy refuses.
const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /imports`: multipart `file` (CSV) and `evidence`; 201 with a summary (200 when every row was a duplicate), or 400 naming the rows. */
  async importCsv(ctx: Context) {
    const data = await getService('import', strapi).importCsv({ file: fileOf(ctx, 'file'), evidence: fileOf(ctx, 'evidence') }, { id: ctx.state.user?.id ?? null }, ctx.state.user);
    ctx.status = data.imported ? 201 : 200;
    ctx.body = { data };
  },

  /** `POST /imports/one`: the columns of one consent as multipart fields, and `evidence`. */
  async recordOne(ctx: Context) {
    const data = await getService('import', strapi).recordOne(ctx.request.body ?? {}, fileOf(ctx, 'evidence'), { id: ctx.state.user?.id ?? null }, ctx.state.user);
    ctx.status = 201;
    ctx.body = { data };
  },
});

export default controller;
