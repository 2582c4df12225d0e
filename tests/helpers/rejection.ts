/**
 * The message a promise was rejected with, or null when it resolved.
 *
 * Use it instead of `rejects.toThrow` for errors a database driver raises: better-sqlite3's native
 * binding keeps the SqliteError class of the first test file a jest worker loads it in, so in that
 * worker's later files its errors come from another realm, are not `instanceof Error` there, and
 * `rejects.toThrow` reports a refused statement as "did not throw".
 */
export const rejection = async (p: PromiseLike<unknown>): Promise<string | null> => {
  try {
    await p;
    return null;
  } catch (e) {
    return String((e as { message?: unknown } | null)?.message ?? e);
  }
};
