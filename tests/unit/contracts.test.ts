/**
 * `strapi-plugin-user-consent/contracts`: the built entry (npm run build) that front ends import,
 * with the same request schemas the server validates with.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const entry = pkg.exports['./contracts'];

const validCapture = () => ({
  pageUrl: 'https://shop.example/contact?utm_source=x',
  subject: { email: 'ivan@example.com', name: 'Иван' },
  data: { name: 'Иван', comment: 'Перезвоните' },
  decisions: [
    { version: 1, accepted: true, fullTextOpened: true },
    { version: 2, accepted: false },
  ],
});

describe('strapi-plugin-user-consent/contracts', () => {
  it('is an export of the package with CommonJS, ESM and type entries that exist', () => {
    expect(entry).toEqual({
      types: './dist/contracts/index.d.ts',
      source: './shared/contracts/index.ts',
      import: './dist/contracts/index.mjs',
      require: './dist/contracts/index.js',
      default: './dist/contracts/index.js',
    });
    for (const file of [entry.types, entry.import, entry.require]) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    // zod stays a dependency: the entry imports it, it does not carry a copy.
    const cjs = fs.readFileSync(path.join(ROOT, entry.require), 'utf8');
    expect(cjs).toMatch(/require\(["']zod\/v4["']\)/);
    expect(pkg.dependencies.zod).toBe(require('zod/package.json').version);
    expect(fs.readFileSync(path.join(ROOT, entry.types), 'utf8')).toMatch(/public/);
  });

  it('parses a valid capture body and refuses invalid ones, as the server does', () => {
    const { CaptureConsents, CreateWithdrawal, GetPublicForm } = require(path.join(ROOT, entry.require));
    expect(CaptureConsents.body.parse(validCapture())).toEqual(validCapture());

    const refused = (body: unknown) => {
      const result = CaptureConsents.body.safeParse(body);
      expect(result.success).toBe(false);
      return result.error.issues.map((i: { path: (string | number)[] }) => i.path.join('.'));
    };
    expect(refused({ ...validCapture(), isAdmin: true })).toEqual(['']);
    expect(refused({ ...validCapture(), pageUrl: 'javascript:alert(1)' })).toEqual(['pageUrl']);
    expect(refused({ ...validCapture(), decisions: [] })).toEqual(['decisions']);
    expect(refused({ ...validCapture(), decisions: [{ version: '1', accepted: true }] })).toEqual(['decisions.0.version']);
    expect(refused({ ...validCapture(), subject: { email: 'not an address' } })).toEqual(['subject.email']);
    expect(refused({ ...validCapture(), data: { comment: 'x'.repeat(4001) } })).toEqual(['data.comment']);

    expect(CreateWithdrawal.body.safeParse({ receipt: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', token: 'kq3' }).success).toBe(true);
    expect(CreateWithdrawal.body.safeParse({ receipt: 'nope', token: 'kq3' }).success).toBe(false);
    expect(GetPublicForm.params.safeParse({ key: 'contact' }).success).toBe(true);
    expect(GetPublicForm.params.safeParse({ key: 'Contact Us' }).success).toBe(false);
  });

  it('is the server validation: the same schema objects', () => {
    const built = require(path.join(ROOT, entry.require));
    const source = require('../../shared/contracts');
    for (const body of [validCapture(), { ...validCapture(), pageUrl: 'ftp://x' }]) {
      expect(built.CaptureConsents.body.safeParse(body).success).toBe(source.CaptureConsents.body.safeParse(body).success);
    }
    expect(built.LIMITS).toEqual(source.LIMITS);
  });

  it('declares each list once: the shipped templates are exactly the template ids of the contracts', () => {
    const { TEMPLATES } = require('../../server/src/templates');
    const { TEMPLATE_IDS } = require('../../shared/contracts/constants');
    expect(TEMPLATES.map((t: { id: string }) => t.id)).toEqual([...TEMPLATE_IDS]);
  });

  it('loads by its package name from CommonJS and ESM', () => {
    const script = (kind: 'cjs' | 'esm') =>
      kind === 'cjs'
        ? "const c = require('strapi-plugin-user-consent/contracts'); process.stdout.write(String(c.CaptureConsents.body.safeParse({}).success))"
        : "import('strapi-plugin-user-consent/contracts').then((c) => process.stdout.write(String(c.CaptureConsents.body.safeParse({}).success)))";
    for (const kind of ['cjs', 'esm'] as const) {
      expect(execFileSync(process.execPath, ['-e', script(kind)], { cwd: ROOT, encoding: 'utf8' })).toBe('false');
    }
  });
});
