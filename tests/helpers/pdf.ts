/**
 * Reading the text of the plugin's PDFs back, for tests: what a reader would see and copy.
 */
import zlib from 'node:zlib';

/**
 * What a reader of the PDF would see, recovered from the file (its streams inflated when compressed):
 * text is drawn as hex glyph ids of a font subset, and each font's ToUnicode CMap maps those ids back
 * to characters, which is also how viewers copy and search the text.
 */
export interface ParsedPdf {
  pages: number;
  fonts: string[];
  /** Every text object on its own line, in drawing order. */
  lines: string[];
  /** The lines joined with single spaces: a wrapped sentence reads as it was written. */
  flat: string;
  info: Record<string, string>;
  lang: string | null;
}

export const squash = (s: string) => s.replace(/\s+/g, '');

const literal = (s: string): string => {
  const bytes = s.replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let out = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
};

export const parsePdf = (pdf: Buffer): ParsedPdf => {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]);
  const obj = (id: number | string) => {
    const body = objects.get(Number(id));
    if (body == null) throw new Error(`object ${id} missing`);
    return body;
  };
  // A compressed stream (the default: what a server answers) is inflated; an uncompressed one is read as is.
  const stream = (body: string) => {
    const start = body.indexOf('stream\n');
    if (start < 0) return '';
    const data = body.slice(start + 7, body.lastIndexOf('\nendstream'));
    return /\/Filter \/FlateDecode/.test(body.slice(0, start)) ? zlib.inflateSync(Buffer.from(data, 'latin1')).toString('latin1') : data;
  };

  const cmaps = new Map<string, Map<number, string>>();
  const fonts: string[] = [];
  for (const [, name, id] of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    if (cmaps.has(name)) continue;
    const dict = obj(id);
    fonts.push(dict.match(/\/BaseFont \/(\S+)/)?.[1] ?? '?');
    const toUnicode = dict.match(/\/ToUnicode (\d+) 0 R/);
    if (!toUnicode) throw new Error(`font ${name} has no ToUnicode map`);
    const map = new Map<number, string>();
    for (const [, from, , entries] of stream(obj(toUnicode[1])).matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/g)) {
      [...entries.matchAll(/<([0-9a-f ]+)>/g)].forEach(([, hex], i) => {
        const units = hex.split(' ').map((h) => parseInt(h, 16));
        map.set(parseInt(from, 16) + i, String.fromCharCode(...units));
      });
    }
    cmaps.set(name, map);
  }

  const lines: string[] = [];
  for (const body of objects.values()) {
    const content = stream(body);
    if (!content.includes(' TJ')) continue;
    let font: Map<number, string> | undefined;
    let line = '';
    for (const [token, fontName, array] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|\bET\b/g)) {
      if (fontName) font = cmaps.get(fontName);
      else if (array != null) {
        for (const [, hex] of array.matchAll(/<([0-9a-f]+)>/g)) {
          for (let i = 0; i < hex.length; i += 4) line += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
        }
      } else if (token === 'ET') {
        lines.push(line);
        line = '';
      }
    }
  }

  const info: Record<string, string> = {};
  const infoId = raw.match(/\/Info (\d+) 0 R/)?.[1];
  if (infoId) {
    for (const [, key, id] of obj(infoId).matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const value = obj(id).trim();
      info[key] = literal(value.slice(1, -1));
    }
  }
  const pagesDict = [...objects.values()].find((b) => /\/Type \/Pages\b/.test(b)) ?? '';
  return {
    pages: Number(pagesDict.match(/\/Count (\d+)/)?.[1] ?? 0),
    fonts,
    lines,
    flat: lines.join(' ').replace(/\s+/g, ' '),
    info,
    lang: raw.match(/\/Lang \(([^)]*)\)/)?.[1] ?? null,
  };
};

/** A PDF a reader can open: header, cross-reference table where startxref says, end marker. */
export const expectValidPdf = (pdf: Buffer) => {
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-')).toBe(true);
  expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
  const xref = Number(raw.match(/startxref\s+(\d+)\s+%%EOF\s*$/)?.[1]);
  expect(raw.slice(xref, xref + 4)).toBe('xref');
};

export const pageCount = (pdf: Buffer) => Number(pdf.toString('latin1').match(/\/Type \/Pages\s+\/Count (\d+)/)?.[1]);

