import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import type { PublicVersion } from '../../../shared/contracts/agreements';

export type { PublicVersion };

const PUBLIC_FIELDS = ['id', 'agreementId', 'number', 'language', 'label', 'labelHtml', 'html', 'text', 'externalUrl', 'hash', 'createdAt'];

const version = ({ strapi }: { strapi: Core.Strapi }) => ({
  async getPublic(id: number): Promise<PublicVersion> {
    const row: any = await strapi.db.query(UIDS.agreementVersion).findOne({ where: { id }, select: PUBLIC_FIELDS });
    if (!row) throw new errors.NotFoundError('Agreement version not found');
    const { agreementId, ...rest } = row;
    return { ...rest, agreement: agreementId };
  },
});

export default version;
