import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { validateAgreementBody, validateAgreementListQuery, type AgreementBody } from '../validation/agreement';
import { TEMPLATES } from '../templates';
import { PURPOSE_PRESETS } from '../templates/purposes';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('agreement', strapi);
  return {
    templates(ctx: any) {
      ctx.body = { data: TEMPLATES };
    },

    purposes(ctx: any) {
      ctx.body = { data: PURPOSE_PRESETS };
    },

    async find(ctx: any) {
      ctx.body = await service().list(validateAgreementListQuery(ctx.query));
    },

    async findOne(ctx: any) {
      ctx.body = { data: await service().get(parseId(ctx.params.id)) };
    },

    async preview(ctx: any) {
      const input = validateAgreementBody(ctx.request.body, true);
      ctx.body = { data: await service().preview(input) };
    },

    async create(ctx: any) {
      const input = validateAgreementBody(ctx.request.body, false) as AgreementBody;
      ctx.status = 201;
      ctx.body = await service().create(input);
    },

    async update(ctx: any) {
      const input = validateAgreementBody(ctx.request.body, true);
      ctx.body = await service().update(parseId(ctx.params.id), input);
    },

    async delete(ctx: any) {
      ctx.body = { data: await service().remove(parseId(ctx.params.id)) };
    },

    async versions(ctx: any) {
      ctx.body = { data: await service().listVersions(parseId(ctx.params.id)) };
    },

    async version(ctx: any) {
      ctx.body = { data: await service().getVersion(parseId(ctx.params.id)) };
    },
  };
};

export default controller;
