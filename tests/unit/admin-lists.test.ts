/**
 * The list pages of the admin read their texts by prefix (admin/src/components/list/listTexts.ts):
 * every one of them is in English and Russian, so a page never shows a bare key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LIST_TEXTS } from '../../admin/src/components/list/listTexts';

const ADMIN = path.resolve(__dirname, '../../admin/src/translations');
const read = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ADMIN, `${lang}.json`), 'utf8'));

describe('admin list pages', () => {
  const keys = Object.entries(LIST_TEXTS).flatMap(([of, texts]) => texts.map((k) => `${of}.${k}`));

  it.each(['en', 'ru'])('every text of every list page is in %s.json', (lang) => {
    const dict = read(lang);
    expect(keys.length).toBe(21);
    expect(keys.filter((k) => !dict[k]?.trim())).toEqual([]);
  });
});
