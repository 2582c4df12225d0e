/** Checks shared by the admin API's collections (companies, agreements, forms). */
import type { AdminAgent } from './strapi';

/** How many records an admin list holds (its pagination total). */
export const totalOf = async (admin: AdminAgent, list: string): Promise<number> => (await admin.get(list)).body.meta.pagination.total;

/**
 * Posts to an admin collection a body it must refuse as invalid: a 400 ValidationError whose message
 * matches, and nothing stored (the list's total unchanged). Answers the response for further checks.
 */
export const expectInvalid = async (admin: AdminAgent, list: string, body: unknown, message: RegExp) => {
  const before = await totalOf(admin, list);
  const res = await admin.post(list).send(body as object);
  expect(res.status).toBe(400);
  expect(res.body.error.name).toBe('ValidationError');
  expect(res.body.error.message).toMatch(message);
  expect(await totalOf(admin, list)).toBe(before);
  return res;
};
