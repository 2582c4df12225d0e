import { LookUpSubject, PreviewErasure, EraseSubject } from '../../../shared/contracts/subjects';
import { parseBody } from './common';

export const validateSubjectBody = (b: unknown) => parseBody(LookUpSubject.body, b ?? {}) as { email?: string; phone?: string; externalId?: string };
export const validatePreviewBody = (b: unknown) => parseBody(PreviewErasure.body, b ?? {}) as { email?: string; phone?: string; externalId?: string; receipt?: string };
export const validateErasureBody = (b: unknown) => parseBody(EraseSubject.body, b ?? {});
