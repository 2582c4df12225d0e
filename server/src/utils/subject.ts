import { sha256 } from './hash';

/** Look-up keys for a data subject: hashes of the normalised e-mail, phone and external id (never the plaintext). */
export const emailHash = (email?: string | null) => (email ? sha256(`email:${email.trim().toLowerCase()}`) : null);

export const phoneHash = (phone?: string | null) => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits ? sha256(`phone:${digits}`) : null;
};

/** An identifier the site gives its own user (e.g. `users-permissions:<documentId>`), as it is. */
export const externalHash = (id?: string | null) => (id ? sha256(`external:${id}`) : null);
