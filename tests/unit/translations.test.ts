/**
 * Everything the admin panel shows exists in English and Russian: both files have the same keys,
 * every literal key the panel's code asks for is in them, and placeholders match between languages.
 */
import fs from 'node:fs';
import path from 'node:path';

const ADMIN = path.resolve(__dirname, '../../admin/src');
const en: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ADMIN, 'translations/en.json'), 'utf8'));
const ru: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ADMIN, 'translations/ru.json'), 'utf8'));

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'translations' ? [] : sources(p);
    return /\.(tsx?|jsx?)$/.test(d.name) ? [p] : [];
  });

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('admin translations', () => {
  it('English and Russian have the same keys', () => {
    expect(Object.keys(ru).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in ru))).toEqual([]);
  });

  it('no text is empty or left untranslated in Russian', () => {
    expect(Object.entries(ru).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    // A Russian text identical to the English one is allowed only when it has no Latin words to translate.
    const same = Object.keys(en).filter((k) => en[k] === ru[k] && /[A-Za-z]{3,}/.test(en[k].replace(/\{\w+\}/g, '')));
    expect(same.filter((k) => !/(^|\.)(csv|url|id|hash|json|api|utc)$/i.test(k))).toEqual([]);
  });

  it('placeholders are the same in both languages', () => {
    const differ = Object.keys(en).filter((k) => placeholders(en[k]).join() !== placeholders(ru[k] ?? '').join());
    expect(differ).toEqual([]);
  });

  it('every literal key the panel uses is translated', () => {
    const used = new Set<string>();
    for (const file of sources(ADMIN)) {
      const code = fs.readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in en)).sort()).toEqual([]);
  });
});
