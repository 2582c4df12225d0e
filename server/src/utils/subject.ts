import { sha256 } from './hash';

/** Look-up keys for a data subject: hashes of the normalised e-mail and phone (never the plaintext). */
export const emailHash = (email?: string | null) => (email ? sha256(`email:${email.trim().toLowerCase()}`) : null);

export const phoneHash = (phone?: string | null) => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits ? sha256(`phone:${digits}`) : null;
};
