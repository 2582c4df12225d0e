import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parseId } from '../validation/common';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: any) {
    const version = await getService('version', strapi).getPublic(parseId(ctx.params.id));
    ctx.set('Cache-Control', 'public, max-age=300, immutable');
    ctx.body = { data: version };
  },
});

export default controller;
