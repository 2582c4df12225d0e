import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { fieldRefusal } from './errors';

export const formKeyTaken = (key: string) => fieldRefusal('form-key-taken', ['key'], `a form with the key "${key}" already exists`);

/** Rule form-key-taken: a key names one form (the public route finds the form by it). */
export const assertFormKeyFree = async (strapi: Core.Strapi, key: string, exceptId?: number) => {
  const other = await strapi.db.query(UIDS.form).findOne({ where: { key }, select: ['id'] });
  if (other && other.id !== exceptId) throw formKeyTaken(key);
};
