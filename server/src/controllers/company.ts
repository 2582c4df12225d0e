import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { CreateCompany, DeleteCompany, GetCompanies, GetCompany, UpdateCompany } from '../../../shared/contracts/companies';
import { crudMethods } from './crud';

const contracts = { list: GetCompanies, get: GetCompany, create: CreateCompany, update: UpdateCompany, delete: DeleteCompany };

/** Companies have the CRUD endpoints only. */
const controller = ({ strapi }: { strapi: Core.Strapi }) => crudMethods(() => getService('company', strapi), contracts);

export default controller;
