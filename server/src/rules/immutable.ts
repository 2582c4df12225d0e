import { UIDS } from '../pluginId';
import { forbidden } from './errors';

export const IMMUTABLE = {
  consent: 'Consent records can never be changed or deleted; record a withdrawal instead.',
  'agreement-version': 'Agreement versions can never be changed or deleted; edit the agreement to make a new version.',
  checkpoint: 'Chain checkpoints can never be changed or deleted; sign a new one instead.',
} as const;

/** Rules consent-immutable and version-immutable: the proof is append-only. */
export const consentImmutable = () => forbidden('consent-immutable', IMMUTABLE.consent);
export const versionImmutable = () => forbidden('version-immutable', IMMUTABLE['agreement-version']);

/** The refusal of any write to an append-only content type, or undefined for the others. */
export const immutableRefusal = (uid: string) =>
  uid === UIDS.consent ? consentImmutable() : uid === UIDS.agreementVersion ? versionImmutable() : undefined;
