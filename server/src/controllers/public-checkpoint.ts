import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { ListCheckpoints } from '../../../shared/contracts/checkpoints';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async latest(ctx: Context) {
    const data = await getService('checkpoints', strapi).latestOrFail();
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { data };
  },

  async find(ctx: Context) {
    const { page, pageSize } = parse(ListCheckpoints.query, ctx.query);
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await getService('checkpoints', strapi).list(page, pageSize);
  },
});

export default controller;
