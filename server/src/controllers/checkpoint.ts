import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async status(ctx: Context) {
    ctx.body = { data: await getService('checkpoints', strapi).status() };
  },

  /** Signs the chain head now: 201 with the new checkpoint, 200 with the latest when the chain has not moved. */
  async sign(ctx: Context) {
    const { checkpoint, created } = await getService('checkpoints', strapi).sign('admin');
    ctx.status = created ? 201 : 200;
    ctx.body = { data: checkpoint, meta: { created } };
  },
});

export default controller;
