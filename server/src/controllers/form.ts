import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { CreateForm, DeleteForm, GetDoubleOptInCounts, GetForm, GetForms, UpdateForm } from '../../../shared/contracts/forms';
import { crudMethods } from './crud';

const contracts = { list: GetForms, get: GetForm, create: CreateForm, update: UpdateForm, delete: DeleteForm };

/** Forms have the CRUD endpoints (capture goes through the public-form controller) and their double opt-in counts. */
const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  ...crudMethods(() => getService('form', strapi), contracts),

  async doubleOptInCounts(ctx: Context) {
    const { id } = parse(GetDoubleOptInCounts.params, ctx.params);
    const form = await getService('form', strapi).getRow(id);
    const body: GetDoubleOptInCounts.Response = { data: await getService('double-opt-in', strapi).counts(form.key) };
    ctx.body = body;
  },
});

export default controller;
