import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { pageMeta } from '../validation/common';
import { getService } from '../utils';
import type { CompanyInput } from '../validation/company';

export interface Company extends CompanyInput {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

const company = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UIDS.company);

  return {
    async list({ page, pageSize, q, country }: { page: number; pageSize: number; q?: string; country?: string }) {
      const where: Record<string, unknown> = {};
      if (q) where.name = { $containsi: q };
      if (country) where.country = country;
      const [results, total] = await Promise.all([
        query().findMany({ where, orderBy: { name: 'asc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        query().count({ where }),
      ]);
      return { data: results as Company[], meta: pageMeta(page, pageSize, total) };
    },

    async get(id: number): Promise<Company> {
      const found = await query().findOne({ where: { id } });
      if (!found) throw new errors.NotFoundError('Company not found');
      return found as Company;
    },

    async create(input: Partial<CompanyInput>): Promise<Company> {
      return (await query().create({ data: input })) as Company;
    },

    async update(id: number, input: Partial<CompanyInput>): Promise<{ data: Company; meta: { versionsCreated: number } }> {
      await this.get(id);
      // One transaction: the requisites and the new versions of the agreements they fill go together.
      return strapi.db.transaction(async () => {
        const updated = (await query().update({ where: { id }, data: input })) as Company;
        const versionsCreated = await getService('agreement', strapi).onCompanyChanged(id);
        return { data: updated, meta: { versionsCreated } };
      });
    },

    async remove(id: number): Promise<Company> {
      const existing = await this.get(id);
      const used = await strapi.db.query(UIDS.agreement).count({ where: { companyId: id } });
      if (used > 0) {
        throw new errors.ApplicationError(
          `This company is used by ${used} agreement(s) and cannot be deleted. Point those agreements to another company first.`,
          { reason: 'company-in-use', agreements: used }
        );
      }
      await query().delete({ where: { id } });
      return existing;
    },
  };
};

export default company;
