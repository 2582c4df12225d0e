import fs from 'node:fs';
import type { Context } from 'koa';

/**
 * Removes a request's uploaded temporary files (formidable writes them to the OS temp directory).
 * Strapi's body middleware removes only a field named `files`, and only when the request succeeded;
 * an import's are a CSV of people and their evidence (personal data), which must not stay behind in a
 * directory the plugin does not manage, whether the import was stored, refused by its checks or by a
 * policy (403). What the import keeps is in the upload plugin by then.
 */
export const removeTemporaryFiles = async (ctx: Context) => {
  const files = (ctx.request as { files?: Record<string, unknown> }).files;
  if (!files) return;
  const all = Object.values(files).flat() as { filepath?: string }[];
  await Promise.all(all.map((f) => (f?.filepath ? fs.promises.rm(f.filepath, { force: true }).catch(() => undefined) : undefined)));
};
