import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import {
  CreateAgreement,
  DeleteAgreement,
  GetAgreement,
  GetAgreementVersions,
  GetAgreements,
  GetVersion,
  PreviewAgreement,
  UpdateAgreement,
} from '../../../shared/contracts/agreements';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('agreement', strapi);
  return {
    templates(ctx: Context) {
      ctx.body = service().templates();
    },

    purposes(ctx: Context) {
      ctx.body = service().purposes();
    },

    async find(ctx: Context) {
      ctx.body = await service().find(parse(GetAgreements.query, ctx.query));
    },

    async findOne(ctx: Context) {
      ctx.body = await service().findOne(parse(GetAgreement.params, ctx.params).id);
    },

    async preview(ctx: Context) {
      ctx.body = await service().preview(parse(PreviewAgreement.body, ctx.request.body));
    },

    async create(ctx: Context) {
      const body = parse(CreateAgreement.body, ctx.request.body);
      ctx.status = 201;
      ctx.body = await service().create(body);
    },

    async update(ctx: Context) {
      const { id } = parse(UpdateAgreement.params, ctx.params);
      ctx.body = await service().update(id, parse(UpdateAgreement.body, ctx.request.body));
    },

    async delete(ctx: Context) {
      ctx.body = await service().delete(parse(DeleteAgreement.params, ctx.params).id);
    },

    async versions(ctx: Context) {
      ctx.body = await service().versions(parse(GetAgreementVersions.params, ctx.params).id);
    },

    async version(ctx: Context) {
      ctx.body = await service().version(parse(GetVersion.params, ctx.params).id);
    },
  };
};

export default controller;
