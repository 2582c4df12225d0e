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
  GetConsentStates,
  GetVersion,
  PreviewAgreement,
  UpdateAgreement,
} from '../../../shared/contracts/agreements';
import { crudMethods } from './crud';

const contracts = { list: GetAgreements, get: GetAgreement, create: CreateAgreement, update: UpdateAgreement, delete: DeleteAgreement };

/** The agreements' CRUD endpoints, and the templates, purposes, preview and versions. */
const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('agreement', strapi);
  return {
    ...crudMethods(service, contracts),

    templates(ctx: Context) {
      ctx.body = service().templates();
    },

    purposes(ctx: Context) {
      ctx.body = service().purposes();
    },

    async preview(ctx: Context) {
      ctx.body = await service().preview(parse(PreviewAgreement.body, ctx.request.body));
    },

    async versions(ctx: Context) {
      ctx.body = await service().versions(parse(GetAgreementVersions.params, ctx.params).id);
    },

    async consentStates(ctx: Context) {
      ctx.body = await service().consentStates(parse(GetConsentStates.params, ctx.params).id);
    },

    async version(ctx: Context) {
      ctx.body = await service().version(parse(GetVersion.params, ctx.params).id);
    },
  };
};

export default controller;
