import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { validateFormBody, validateFormListQuery, type FormBody } from '../validation/form';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('form', strapi);
  return {
    async find(ctx: any) {
      ctx.body = await service().list(validateFormListQuery(ctx.query));
    },
    async findOne(ctx: any) {
      ctx.body = await service().get(parseId(ctx.params.id));
    },
    async create(ctx: any) {
      const input = validateFormBody(ctx.request.body, false) as FormBody;
      ctx.status = 201;
      ctx.body = await service().create(input);
    },
    async update(ctx: any) {
      ctx.body = await service().update(parseId(ctx.params.id), validateFormBody(ctx.request.body, true));
    },
    async delete(ctx: any) {
      ctx.body = { data: await service().remove(parseId(ctx.params.id)) };
    },
  };
};

export default controller;
