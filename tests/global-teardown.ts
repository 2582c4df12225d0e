/** Drops the template database of the run (tests/global-setup.ts). */
import type { TestDatabase } from './helpers/db';

export default async () => {
  const db = (globalThis as any).__ucTemplate as TestDatabase | undefined;
  if (db) await db.drop();
};
