/** Valid requisites used across tests (real, publicly known registration numbers with valid check digits). */
import type { Requisites } from '../../shared/contracts/companies';
import { DEMO_COMPANY } from '../../playground/src/seed';

/** The playground's demo company (playground/src/seed.js): a Russian operator with every requisite. */
export const RU_COMPANY: Requisites = DEMO_COMPANY;

export const BY_COMPANY = {
  name: 'Василёк',
  legalForm: 'ООО',
  country: 'BY',
  unp: '100325912',
  legalAddress: '220000, г. Минск, пр. Независимости, 1',
  email: 'privacy@vasilek.example',
};

export const KZ_COMPANY = {
  name: 'Жусан',
  legalForm: 'ТОО',
  country: 'KZ',
  bin: '971240001315',
  legalAddress: '050000, г. Алматы, пр. Абая, 1',
  email: 'privacy@zhusan.example',
};

export const EU_COMPANY = {
  name: 'Lavender GmbH',
  country: 'OTHER',
  legalAddress: 'Hauptstraße 1, 10115 Berlin, Germany',
  email: 'privacy@lavender.example',
};
