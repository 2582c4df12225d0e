import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { CreateForm, DeleteForm, GetForm, GetForms, UpdateForm } from '../../../shared/contracts/forms';
import { crudMethods } from './crud';

const contracts = { list: GetForms, get: GetForm, create: CreateForm, update: UpdateForm, delete: DeleteForm };

/** Forms have the CRUD endpoints only (capture goes through the public-form controller). */
const controller = ({ strapi }: { strapi: Core.Strapi }) => crudMethods(() => getService('form', strapi), contracts);

export default controller;
