import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { pageMeta } from '../../../shared/contracts/constants';
import type { CreateCompany, DeleteCompany, GetCompanies, GetCompany, UpdateCompany, Company } from '../../../shared/contracts/companies';
import { assertCompanyDeletable, assertNoDuplicateRegistration } from '../rules';
import type { CompanyRow } from '../types';

export type { Company };

/** What the API shows of a stored company: the row as it is. */
const toCompany = (row: CompanyRow) => row as unknown as Company;

/** Companies: each method the admin routes call answers in the `{ data, meta }` envelope. */
const company = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UIDS.company);

  return {
    async getRow(id: number): Promise<CompanyRow> {
      const found = await query().findOne({ where: { id } });
      if (!found) throw new errors.NotFoundError('Company not found', { code: 'not-found', params: { entity: 'company' } });
      return found as CompanyRow;
    },

    async find({ page, pageSize, q, country }: GetCompanies.Query): Promise<GetCompanies.Response> {
      const where: Record<string, unknown> = {};
      if (q) where.name = { $containsi: q };
      if (country) where.country = country;
      const [results, total] = await Promise.all([
        query().findMany({ where, orderBy: { name: 'asc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        query().count({ where }),
      ]);
      return { data: (results as CompanyRow[]).map(toCompany), meta: pageMeta(page, pageSize, total) };
    },

    async findOne(id: number): Promise<GetCompany.Response> {
      return { data: toCompany(await this.getRow(id)) };
    },

    /**
     * The numbers arrive compact (the contract compacts them). A number another company has is refused
     * with a warning (409 duplicate-registration) unless the request confirms it.
     */
    async create({ confirmDuplicate, ...input }: CreateCompany.Body): Promise<CreateCompany.Response> {
      if (!confirmDuplicate) await assertNoDuplicateRegistration(strapi, input);
      return { data: toCompany((await query().create({ data: input })) as CompanyRow) };
    },

    /** meta.versionsCreated: how many agreements filled from this company got a new version. */
    async update(id: number, { confirmDuplicate, ...input }: UpdateCompany.Body): Promise<UpdateCompany.Response> {
      const existing = await this.getRow(id);
      // Only a number this request changes is compared: a duplicate confirmed before is not asked again.
      const changed = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== (existing as unknown as Record<string, unknown>)[k]));
      if (!confirmDuplicate) await assertNoDuplicateRegistration(strapi, changed, id);
      // One transaction: the requisites and the new versions of the agreements they fill go together.
      return strapi.db.transaction(async () => {
        const updated = (await query().update({ where: { id }, data: input })) as CompanyRow;
        const versionsCreated = await getService('agreement', strapi).onCompanyChanged(id);
        return { data: toCompany(updated), meta: { versionsCreated } };
      });
    },

    async delete(id: number): Promise<DeleteCompany.Response> {
      const existing = await this.getRow(id);
      await assertCompanyDeletable(strapi, [id]);
      await query().delete({ where: { id } });
      return { data: toCompany(existing) };
    },
  };
};

export default company;
