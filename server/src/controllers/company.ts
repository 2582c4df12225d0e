import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { validateCompanyInput, validateListQuery } from '../validation/company';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const query = await validateListQuery(ctx.query);
    ctx.body = await getService('company', strapi).list(query);
  },

  async findOne(ctx: any) {
    ctx.body = { data: await getService('company', strapi).get(parseId(ctx.params.id)) };
  },

  async create(ctx: any) {
    const input = await validateCompanyInput(ctx.request.body, { partial: false });
    ctx.status = 201;
    ctx.body = { data: await getService('company', strapi).create(input) };
  },

  async update(ctx: any) {
    const input = await validateCompanyInput(ctx.request.body, { partial: true });
    // meta.versionsCreated: how many agreements filled from this company got a new version.
    ctx.body = await getService('company', strapi).update(parseId(ctx.params.id), input);
  },

  async delete(ctx: any) {
    ctx.body = { data: await getService('company', strapi).remove(parseId(ctx.params.id)) };
  },
});

export default controller;
