/** Valid requisites used across tests (real, publicly known registration numbers with valid check digits). */
export const RU_COMPANY = {
  name: 'Ромашка',
  legalForm: 'ООО',
  country: 'RU',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  legalAddress: '117997, г. Москва, ул. Вавилова, д. 19',
  postalAddress: '117997, г. Москва, ул. Вавилова, д. 19',
  email: 'privacy@romashka.example',
  phone: '+7 495 000-00-00',
  website: 'https://romashka.example',
};

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
