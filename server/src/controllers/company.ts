import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { CreateCompany, DeleteCompany, GetCompanies, GetCompany, UpdateCompany } from '../../../shared/contracts/companies';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('company', strapi);
  return {
    async find(ctx: Context) {
      ctx.body = await service().find(parse(GetCompanies.query, ctx.query));
    },

    async findOne(ctx: Context) {
      ctx.body = await service().findOne(parse(GetCompany.params, ctx.params).id);
    },

    async create(ctx: Context) {
      const body = parse(CreateCompany.body, ctx.request.body);
      ctx.status = 201;
      ctx.body = await service().create(body);
    },

    async update(ctx: Context) {
      const { id } = parse(UpdateCompany.params, ctx.params);
      ctx.body = await service().update(id, parse(UpdateCompany.body, ctx.request.body));
    },

    async delete(ctx: Context) {
      ctx.body = await service().delete(parse(DeleteCompany.params, ctx.params).id);
    },
  };
};

export default controller;
