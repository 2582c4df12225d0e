import crypto from 'node:crypto';

/**
 * Random bytes for tokens, secrets and document ids, taken from a 4 KB block of the system's CSPRNG
 * (crypto.randomBytes) rather than one call per value: a capture needs several, and each call into the
 * system costs more than the bytes. Every byte is handed out once and wiped from the block as it goes.
 */
const BLOCK = 4096;
let block = Buffer.alloc(0);
let at = 0;

export const randomBytes = (n: number): Buffer => {
  if (n > 256) return crypto.randomBytes(n);
  if (at + n > block.length) {
    block = crypto.randomBytes(BLOCK);
    at = 0;
  }
  const out = Buffer.from(block.subarray(at, at + n));
  block.fill(0, at, at + n);
  at += n;
  return out;
};
