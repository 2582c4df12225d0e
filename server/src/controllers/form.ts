import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { CreateForm, DeleteForm, GetForm, GetForms, UpdateForm } from '../../../shared/contracts/forms';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('form', strapi);
  return {
    async find(ctx: Context) {
      ctx.body = await service().find(parse(GetForms.query, ctx.query));
    },
    async findOne(ctx: Context) {
      ctx.body = await service().findOne(parse(GetForm.params, ctx.params).id);
    },
    async create(ctx: Context) {
      const body = parse(CreateForm.body, ctx.request.body);
      ctx.status = 201;
      ctx.body = await service().create(body);
    },
    async update(ctx: Context) {
      const { id } = parse(UpdateForm.params, ctx.params);
      ctx.body = await service().update(id, parse(UpdateForm.body, ctx.request.body));
    },
    async delete(ctx: Context) {
      ctx.body = await service().delete(parse(DeleteForm.params, ctx.params).id);
    },
  };
};

export default controller;
