import type { Country, Requisites } from '../../../shared/contracts/agreements';
import { withScheme } from '../../../shared/contracts/common';

export { COUNTRIES } from '../../../shared/contracts/constants';

/** Every requisite, in the order the panel shows them, with its English label (translated as requisites.<key>). */
export const REQUISITE_LABELS: Record<keyof Requisites, string> = {
  name: 'Legal name',
  legalForm: 'Legal form',
  country: 'Country',
  inn: 'INN',
  ogrn: 'OGRN/OGRNIP',
  kpp: 'KPP',
  unp: 'UNP',
  bin: 'BIN/IIN',
  legalAddress: 'Legal address',
  postalAddress: 'Postal address',
  email: 'E-mail for data-subject requests',
  phone: 'Phone',
  website: 'Website',
  dpoName: 'Data protection officer',
  dpoEmail: "Officer's e-mail",
  dpoPhone: "Officer's phone",
  dpoAddress: "Officer's address",
  euRepName: 'EU representative',
  euRepAddress: "Representative's address",
  euRepEmail: "Representative's e-mail",
};

/** What each registration number looks like (translated as requisites.<key>.hint). */
export const NUMBER_HINTS: Record<NumberField, string> = {
  inn: '10 digits for an organisation, 12 for an individual',
  ogrn: '13 digits (OGRN) or 15 digits (OGRNIP)',
  kpp: '9 characters',
  unp: '9 characters, e.g. 591705582 or MA1953684',
  bin: '12 digits; spaces are removed',
};

export type NumberField = 'inn' | 'ogrn' | 'kpp' | 'unp' | 'bin';

/** The registration numbers each country uses; the others are hidden and sent as null. */
export const NUMBER_FIELDS: Record<Country, NumberField[]> = {
  RU: ['inn', 'ogrn', 'kpp'],
  BY: ['unp'],
  KZ: ['bin'],
  OTHER: [],
};

const ALL_NUMBERS: NumberField[] = ['inn', 'ogrn', 'kpp', 'unp', 'bin'];

export const emptyRequisites = (country: Country = 'RU'): Requisites => ({
  name: '',
  legalForm: '',
  country,
  inn: '',
  ogrn: '',
  kpp: '',
  unp: '',
  bin: '',
  legalAddress: '',
  postalAddress: '',
  email: '',
  phone: '',
  website: '',
  dpoName: '',
  dpoEmail: '',
  dpoPhone: '',
  dpoAddress: '',
  euRepName: '',
  euRepAddress: '',
  euRepEmail: '',
});

/** Copies a stored record into the form's shape (every field a string). */
export const toRequisitesForm = (r?: Partial<Requisites> | null): Requisites => {
  const base = emptyRequisites((r?.country as Country) || 'RU');
  if (!r) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(base)) {
    const v = (r as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out as unknown as Requisites;
};

/**
 * What is sent to the server: trimmed, empty optional fields as null, and the numbers of other
 * countries cleared, so that switching the country does not leave a stale INN behind.
 */
export const cleanRequisites = (r: Requisites): Requisites => {
  const keep = new Set<string>(NUMBER_FIELDS[r.country] ?? []);
  const out: Record<string, unknown> = { name: (r.name ?? '').trim(), country: r.country };
  for (const [key, value] of Object.entries(r)) {
    if (key === 'name' || key === 'country') continue;
    if (ALL_NUMBERS.includes(key as NumberField) && !keep.has(key)) {
      out[key] = null;
      continue;
    }
    const s = typeof value === 'string' ? value.trim() : value;
    // "shop.example" is the site at https://shop.example, as the server reads it too.
    out[key] = s === '' || s === undefined ? null : key === 'website' && typeof s === 'string' ? withScheme(s) : s;
  }
  return out as unknown as Requisites;
};

/** The registration number shown in lists: the first one the country uses. */
export const mainNumber = (r: Partial<Requisites>) => r.inn || r.unp || r.bin || r.ogrn || null;
