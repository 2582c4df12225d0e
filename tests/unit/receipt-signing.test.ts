/**
 * Signed receipts as pure logic: the signature covers the receipt without its `signature` field, a key
 * rotation keeps old signatures verifiable with the new JWKS, and the offline verifier's canonical JSON
 * is the plugin's for any JSON data (else a verifier would reject good receipts).
 */
import path from 'node:path';
import { buildKeyRing, generateSigningKey, verifyCompactJws } from '../../server/src/signing/keys';
import { canonicalJson } from '../../server/src/utils/hash';
import { receiptContent, signReceipt } from '../../server/src/services/receipt';
import type { Receipt, ReceiptContent } from '../../shared/contracts/public';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { verifyReceipt, canonical } = require(path.resolve(__dirname, '../../scripts/verify-receipt.js'));

const content = {
  version: 'KI-CR-v1.1.0',
  consentReceiptID: '0b8f1f2e-7a39-4c5e-9d1e-3f0c9a1b2c3d',
  jurisdiction: 'RU',
  piiPrincipalId: 'Иван@example.com',
  services: [{ service: 'Форма «Связь»', purposes: [{ purpose: 'ответ на обращения', primaryPurpose: true, thirdPartyName: null }] }],
  consentTimestamp: 1764547200,
  integrity: { seq: '42', hash: 'a'.repeat(64), prevHash: 'b'.repeat(64) },
  note: 'quote " backslash \\ tab \t emoji 🙂 line\u2028sep',
} as unknown as ReceiptContent;

describe('signed receipts (pure)', () => {
  it('signs the receipt without its signature field; null without a key', async () => {
    const ring = await buildKeyRing({ keys: [generateSigningKey('k1')], activeKid: null });
    const signature = await signReceipt(ring, content);
    expect(signature).toEqual({ alg: 'EdDSA', kid: 'k1', jws: expect.any(String) });
    const receipt = { ...content, signature } as Receipt;
    // Signing a receipt that already carries a signature covers the same content.
    expect(receiptContent(receipt)).toEqual(content);
    const { content: signed, header } = await verifyCompactJws(signature!.jws, ring.jwks);
    expect(canonicalJson(signed)).toBe(canonicalJson(content));
    expect(header).toEqual({ alg: 'EdDSA', kid: 'k1', typ: 'consent-receipt+jws' });
    expect(await signReceipt(await buildKeyRing({ keys: [], activeKid: null }), content)).toBeNull();
  });

  it('keeps an old key’s receipts verifiable after a rotation, and fails with the old set for new ones', async () => {
    const old = generateSigningKey('2025');
    const next = generateSigningKey('2026');
    const before = await buildKeyRing({ keys: [old], activeKid: '2025' });
    const oldReceipt = { ...content, signature: await signReceipt(before, content) };
    // The rotation: the new key signs, the old one keeps only its public part.
    const after = await buildKeyRing({ keys: [{ kid: '2026', privateKey: next.privateKey }, { kid: '2025', publicKey: old.publicKey }], activeKid: '2026' });
    expect(after.active?.kid).toBe('2026');
    expect(after.jwks.keys.map((k) => k.kid)).toEqual(['2026', '2025']);
    expect(await verifyReceipt(oldReceipt, after.jwks)).toMatchObject({ ok: true, kid: '2025' });
    const newReceipt = { ...content, signature: await signReceipt(after, content) };
    expect(newReceipt.signature?.kid).toBe('2026');
    expect(await verifyReceipt(newReceipt, after.jwks)).toMatchObject({ ok: true, kid: '2026' });
    // A JWKS published before the rotation does not know the new key.
    expect(await verifyReceipt(newReceipt, before.jwks)).toMatchObject({ ok: false });
    // The receipt naming another kid than the JWS header's is refused.
    const swapped = { ...newReceipt, signature: { ...newReceipt.signature, kid: '2025' } };
    expect(await verifyReceipt(swapped, after.jwks)).toMatchObject({ ok: false, message: expect.stringContaining('made by key 2026') });
  });

  it('writes the same canonical JSON as the plugin for JSON data', () => {
    const samples: unknown[] = [content, { b: [1, 2.5, -0.125, 1e21, null, true], a: { z: '', y: [{}] } }, [], 'строка', 0, null];
    for (const v of samples) expect(canonical(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(JSON.parse(JSON.stringify(v))));
  });
});
