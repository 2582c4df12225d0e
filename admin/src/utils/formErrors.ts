/**
 * Strapi's Form keeps errors shaped like its values (`{ requisites: { inn: '…' } }`, `{ fields:
 * [{ name: '…' }] }`) so that `useField('requisites.inn')` finds its own; the server and the panel's
 * own checks name them by joined path. These two convert between the shapes.
 */
export type FlatErrors = Record<string, string>;

/** `{ 'requisites.inn': 'x' }` → `{ requisites: { inn: 'x' } }` (numeric segments make arrays). */
export const nestErrors = (flat: FlatErrors): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const keys = path.split('.');
    let node: Record<string, unknown> = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        if (node[key] === undefined) node[key] = message;
        return;
      }
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return root;
};

/** The reverse: every message of a nested error object under its joined path. */
export const flattenErrors = (nested: unknown, prefix = '', out: FlatErrors = {}): FlatErrors => {
  if (typeof nested === 'string') {
    if (prefix) out[prefix] = nested;
  } else if (nested && typeof nested === 'object') {
    for (const [key, value] of Object.entries(nested)) flattenErrors(value, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
};

/** The error at a joined path of a nested error object (a string, or undefined). */
export const errorAt = (nested: unknown, path: string): string | undefined => {
  let node = nested;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
};

/**
 * Where each row of a list is sent: its index in the body, or -1 when it is blank and left out.
 * Server errors name the sent index ("thirdParties.1.name"); this maps them back to the row.
 */
export const sentIndexes = (blank: boolean[], offset = 0) => {
  let next = offset;
  return blank.map((b) => (b ? -1 : next++));
};
