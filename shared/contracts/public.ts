/**
 * The public API, under /api/user-consent/...: what a site's front end calls without a login. Every
 * route validates its input (unknown keys refused), is rate-limited per client IP and answers in
 * Strapi's shape; errors are `ErrorResponse`. Published as `strapi-plugin-user-consent/contracts`.
 */
import { z, email, formKey, languageTag, httpUrl, idParams, phone, receiptId, receiptToken } from './common';
import type { DataResponse, MetaResponse, RequestOf } from './common';
import { LIMITS, type Behaviour, type Channel, type ConsentAction, type ConsentState } from './constants';
import type { FormField } from './forms';
import type { ExternalText, Rendered, VersionSummary } from './agreements';
import { AD_CHANNELS, type AdChannel, type Choices } from './choices';

export type { AdChannel, Choices };

/** What the public may see of a version: the text as shown, never anything personal. */
export interface PublicVersion extends VersionSummary, Omit<Rendered, 'language'> {
  language: string | null;
  /** An external text: where and when the snapshot in `html`/`text` was fetched, and its hash (null otherwise). */
  externalText: ExternalText | null;
}

/** One checkbox of a public form. */
export interface PublicFormAgreement {
  agreement: number;
  /** The version shown now: send its id back in the decision. */
  version: { id: number; number: number; hash: string };
  /**
   * The language the label (and the text page) is in (e.g. "ru"): the one asked for (`?language=`)
   * when the version has it, else the version's default. Send it back as `decisions[].language`.
   * The widget speaks it when the page names none.
   */
  language: string | null;
  /** Every language the version has a text in, its default first. */
  languages: string[];
  label: string;
  labelHtml: string;
  behaviour: Behaviour;
  required: boolean;
  prechecked: boolean;
  mustRead: boolean;
  /** The full text as a standalone page (relative to the Strapi origin). */
  textUrl: string;
  /**
   * An advertising agreement that offers channels: the person ticks each one they accept (send the
   * ticked ones as `decisions[].channels`). Absent when there is nothing to choose.
   */
  channels?: { code: AdChannel; title: string }[];
  /**
   * A consent to distribution: the person allows or prohibits each category (send
   * `decisions[].categories: { code: boolean }` for every one). Titles in the version's language.
   */
  categories?: { code: string; title: string }[];
  /**
   * An agreement that lists no data categories: its text lists the captions of this form's fields
   * (these, in the form's order), and the consent records them. Absent when the text lists its own
   * data, or the form has no fields.
   */
  dataShown?: string[];
}

/** Public form description: `GET /api/user-consent/forms/:key`. */
export interface PublicForm {
  key: string;
  name: string;
  fields: FormField[];
  successRedirectUrl: string | null;
  successMessage: string | null;
  agreements: PublicFormAgreement[];
}

/** A receipt's reference as a capture or a withdrawal returns it; keep the token, only its hash is stored. */
export interface ReceiptRef {
  id: string;
  token: string;
  /** `requested`: double opt-in; the consent counts once the person confirms the e-mail sent to them. */
  action: Extract<ConsentAction, 'given' | 'refused' | 'withdrawn' | 'requested'>;
  agreement: number;
  version: number;
}

export interface CaptureResult {
  receipts: ReceiptRef[];
  /** Double opt-in: the `requested` receipts wait for the person to confirm; `sent`: the e-mail went out. */
  confirmation?: { sent: boolean };
  redirectUrl?: string;
  message?: string;
}

export interface WithdrawalResult {
  alreadyWithdrawn: boolean;
  /** The withdrawn consent's receipt. */
  receipt: string;
  /** The withdrawal event (the first one when it was already withdrawn). */
  withdrawal: { receipt: string; recordedAt: string; channel: string };
}

/**
 * A receipt's PII controller (the operator), as Kantara CR 1.1 requires it: every required field a
 * string (empty when the operator gave none), the address an object.
 */
export interface ReceiptController {
  piiController: string;
  onBehalf: false;
  contact: string;
  address: { formatted: string; country: string | null };
  email: string;
  phone: string;
  piiControllerUrl?: string;
  /**
   * Where the operator was read: the version's own requisites, the agreement's company or typed
   * requisites now (a custom agreement whose version kept none), the first company of the plugin, or
   * only the site the consent was given on (no company entered).
   */
  requisitesFrom: 'version' | 'agreement' | 'first-company' | 'site';
}

/** A party of an ISO/IEC TS 27560 record: `id` (party id) and `type` (party type), with its role. */
export interface ReceiptParty {
  id: string;
  type: 'natural person' | 'legal person';
  role: 'PII principal' | 'PII controller' | 'third party';
  name: string | null;
}

/**
 * A receipt's signature: a compact JWS (RFC 7515, EdDSA with Ed25519) whose payload is the canonical
 * JSON (keys sorted, no spaces) of the receipt without this field. Verify it with the keys at
 * `GET /api/user-consent/jwks.json` (`kid` names the key) or offline with `scripts/verify-receipt.js`.
 */
export interface ReceiptSignature {
  alg: 'EdDSA';
  kid: string;
  jws: string;
}

/**
 * A consent receipt: a Kantara Consent Receipt 1.1 carrying the ISO/IEC TS 27560 consent record fields
 * and the event's place in the hash chain, signed (`signature`, null when the plugin has no key).
 */
export interface Receipt extends ReceiptContent {
  signature: ReceiptSignature | null;
}

/** What a receipt's signature covers: the receipt without `signature`. */
export interface ReceiptContent {
  version: 'KI-CR-v1.1.0';
  /** RU, BY, KZ, EU (the template's), the operator's country for a custom agreement, or `unspecified`. */
  jurisdiction: string;
  /** Seconds since the epoch. */
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  language: string;
  /** The person's e-mail, phone or name; `anonymous` when none was given, `erased` once destroyed. */
  piiPrincipalId: string;
  piiControllers: ReceiptController[];
  policyUrl: string;
  services: {
    service: string;
    purposes: {
      purpose: string;
      consentType: 'EXPLICIT';
      purposeCategory: string[];
      piiCategory: string[];
      primaryPurpose: boolean;
      termination: string;
      thirdPartyDisclosure: boolean;
      thirdPartyName: string | null;
    }[];
  }[];
  sensitive: false;
  spiCat: string[];
  schemaVersion: 'ISO/IEC TS 27560:2023';
  recordId: string;
  principal: { id: string | null; name: string | null };
  /** The parties: the person, the operator, and the third parties the data is disclosed to. */
  parties: ReceiptParty[];
  legalBasis: 'consent';
  notice: {
    agreement: number;
    version: number;
    number: number;
    /** The version's hash (all its languages). */
    hash: string | null;
    /** The text page, in the language shown. */
    url: string;
    template: string | null;
    law: string | null;
    /** The language the text was shown in, and that language's own hash (a version in several languages has one per language). */
    language?: string | null;
    textHash?: string | null;
  };
  storageLocations: string[];
  retention: string;
  event: {
    /** When the person decided: for a consent collected elsewhere (channel import), its `collectedAt`. */
    time: string;
    /** When the plugin stored the event (differs from `time` for an imported consent). */
    recordedAt?: string;
    type: ConsentAction;
    expressedBy: 'data subject';
    method: Behaviour | null;
    prechecked: boolean;
    fullTextOpened: boolean;
    pageUrl: string | null;
    ipPolicy: string | null;
  };
  /** held: the person's data is stored; erased: destroyed (the consent stays provable); none: none was given. */
  personalData: 'held' | 'erased' | 'none';
  /** The decision's state now, by the one rule (given, withdrawn, erased, expired, outdated; refused). */
  state: ConsentState;
  withdrawal: { time: string; channel: Channel | string; receipt: string } | null;
  withdrawalMethod: { web: string; contact: string | null };
  /** Its place in the chain: the position, and its lane when the chain has several. */
  integrity: { seq: string; lane?: number; hash: string; prevHash: string };
  /** What the person chose inside the agreement: the advertising channels ticked, or each category allowed or prohibited. */
  choices?: Choices;
  /** The data list as shown: the captions of the form's fields the text listed (an agreement without data categories). */
  dataShown?: string[];
}

/** `:key` of the public form routes; a malformed key is the same 404 as an unknown form. */
export const formKeyParams = z.object({ key: formKey });

const subject = z.strictObject({
  email: email.optional(),
  phone: phone.optional(),
  name: z.string().trim().min(1).max(LIMITS.subjectNameLength).optional(),
});

const decision = z.strictObject({
  /** The id of the version shown (PublicForm.agreements[].version.id). */
  version: z.number().int().positive(),
  accepted: z.boolean(),
  /** Required (true) to accept a `required-read` agreement: the full text was opened. */
  fullTextOpened: z.boolean().optional(),
  /**
   * Advertising: the channels the person ticked, each once, only ones the version offers; accepting
   * an agreement that offers channels needs at least one (ticking none is refusing it).
   */
  channels: z
    .array(z.enum(AD_CHANNELS))
    .max(AD_CHANNELS.length)
    .refine((cs) => new Set(cs).size === cs.length, { message: 'a channel can be ticked only once', params: { code: 'channel-repeated' } })
    .optional(),
  /** Consent to distribution: for every category the version lists, allowed (true) or prohibited (false). */
  categories: z.record(z.string().max(40), z.boolean()).optional(),
  /**
   * The language the text was shown in (PublicForm.agreements[].language): one the version has
   * (400 `language-not-in-version` otherwise). Recorded, and hashed, with the decision.
   */
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code, e.g. "en"').optional(),
});

/** GET /api/user-consent/forms/:key: the form's checkboxes; 404 for an unknown or inactive form. */
export namespace GetPublicForm {
  export const params = formKeyParams;
  /**
   * `language`: show each agreement in this language when its version has it (a tag such as "en-US"
   * counts as "en"); otherwise in the version's default language. Other query keys are ignored.
   */
  export const query = z.object({ language: languageTag.optional() });
  export type Request = RequestOf<typeof GetPublicForm>;
  export type Response = DataResponse<PublicForm>;
}

/**
 * POST /api/user-consent/forms/:key/consents → 201: one decision for every agreement of the form.
 * 400 on a rule (naming the agreement), 403 from an origin the form does not allow, 413 over the
 * body limit, 415 for a non-JSON body, 429 with Retry-After when rate-limited. A refusal stores nothing.
 */
export namespace CaptureConsents {
  export const params = formKeyParams;
  export const body = z.strictObject({
    pageUrl: httpUrl(LIMITS.pageUrlLength),
    subject: subject.optional(),
    data: z
      .record(z.string().max(64), z.string().max(LIMITS.fieldValueLength, `must be at most ${LIMITS.fieldValueLength} characters`))
      .optional(),
    decisions: z.array(decision).min(1, 'must list one decision for every agreement of the form').max(LIMITS.agreementsPerForm),
  });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof CaptureConsents>;
  export type Response = DataResponse<CaptureResult>;
}

/**
 * GET /api/user-consent/receipts/:id with the token in the `X-Receipt-Token` header (or `?token=`);
 * a wrong token is the same 404 as an unknown receipt.
 */
export namespace GetReceipt {
  export const params = z.object({ id: receiptId });
  export const token = receiptToken;
  export const query = z.object({ token: token.optional() });
  export type Request = RequestOf<typeof GetReceipt> & { headers?: { 'x-receipt-token'?: string } };
  export type Response = DataResponse<Receipt>;
}

/** One public key of the JWKS: an Ed25519 key (RFC 8037) named by its `kid`. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/**
 * GET /api/user-consent/jwks.json: the public keys that verify signed receipts, as a JWK Set (RFC 7517,
 * no `data` envelope, so that any JOSE library reads it as it is). Every configured key, the retired
 * ones too: what an old key signed stays verifiable after a rotation. Empty when no key is configured.
 */
export namespace GetJwks {
  export type Response = { keys: PublicJwk[] };
}

/**
 * One receipt's state as `POST /api/user-consent/receipts/states` answers it. `unknown`: no such receipt,
 * or the token does not match (the two are not told apart); then nothing else is said.
 */
export type ReceiptStateItem =
  | { id: string; state: 'unknown' }
  | {
      id: string;
      state: ConsentState;
      agreement: number;
      /** The version the decision was made on (its id and number). */
      version: number;
      versionNumber: number;
      /** When the decision was recorded, and when a given consent's validity ends (null: until withdrawn). */
      recordedAt: string;
      expiresAt: string | null;
    };

/**
 * POST /api/user-consent/receipts/states → 200: the state of each receipt a browser kept (the widget asks
 * on load, to show an outdated or expired consent again). Ids and tokens travel in the body, never in a
 * URL. Answers in the order asked. A body that is not `{ receipts: [{ id, token }, ...] }` with 1 to
 * LIMITS.receiptsPerQuery items, or a malformed id, is a 400.
 */
export namespace QueryReceiptStates {
  export const body = z.strictObject({
    receipts: z
      .array(z.strictObject({ id: receiptId, token: receiptToken }))
      .min(1)
      .max(LIMITS.receiptsPerQuery, `must list at most ${LIMITS.receiptsPerQuery} receipts`),
  });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof QueryReceiptStates>;
  export type Response = DataResponse<ReceiptStateItem[]>;
}

/** POST /api/user-consent/withdrawals → 201, or 200 when it was already withdrawn. */
export namespace CreateWithdrawal {
  export const body = z.strictObject({
    receipt: receiptId,
    token: receiptToken,
  });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof CreateWithdrawal>;
  export type Response = MetaResponse<WithdrawalResult, { message: string }>;
}

/**
 * `?form=<key>`: the text as that form shows it: an agreement without data categories lists the
 * captions of the form's fields (`PublicFormAgreement.dataShown`); an unknown or inactive form is a 404.
 * `?language=`: the text page shows that language's text when the version has it (the JSON route
 * carries every language in `translations` and ignores it).
 */
const versionQuery = z.object({ form: formKey.optional(), language: languageTag.optional() });

/** GET /api/user-consent/versions/:id: one agreement version as shown (`?form=<key>`: on that form). */
export namespace GetPublicVersion {
  export const params = idParams;
  export const query = versionQuery;
  export type Request = RequestOf<typeof GetPublicVersion>;
  export type Response = DataResponse<PublicVersion>;
}

/**
 * GET /api/user-consent/versions/:id/text: the full text as a standalone HTML page (strict
 * Content-Security-Policy), or a redirect to the version's external URL.
 */
export namespace GetPublicVersionText {
  export const params = idParams;
  /** `form`: as that form shows it; `language`: the text in this language when the version has it, else in its default language. */
  export const query = versionQuery;
  export type Request = RequestOf<typeof GetPublicVersionText>;
  /** text/html */
  export type Response = string;
}

/** GET /api/user-consent/widget.js: the embeddable widget (application/javascript, ETag, 304). */
export namespace GetWidget {
  export type Response = string;
}

/**
 * Double opt-in. The confirmation link's token travels in the link's fragment (never sent to a server
 * by a browser), the page's script posts it: it never appears in a URL or a request log.
 */
export const confirmationToken = z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be a confirmation token');

/**
 * POST /api/user-consent/confirmations/check → 200: what a confirmation link would confirm (records
 * nothing). 404 `not-found` for an unknown token; 400 `confirmation-expired` after the link's time,
 * 400 `confirmation-used` once it was used.
 */
export namespace CheckConfirmation {
  export const body = z.strictObject({ token: confirmationToken });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof CheckConfirmation>;
  export type Response = DataResponse<{ agreements: string[]; form: string | null; expiresAt: string; language: string }>;
}

/**
 * POST /api/user-consent/confirmations → 201: confirms (one `confirmed` event per requested consent of
 * the link); refusals as CheckConfirmation, and nothing is recorded then.
 */
export namespace ConfirmConsent {
  export const body = CheckConfirmation.body;
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof ConfirmConsent>;
  export type Response = DataResponse<{ confirmed: { agreement: number; receipt: string; recordedAt: string }[]; redirectUrl: string | null }>;
}

/**
 * POST /api/user-consent/confirmations/resend → 202 with the same answer whether or not the address has
 * a consent waiting (no enumeration); 429 over the per-address limit.
 */
export namespace ResendConfirmation {
  export const body = z.strictObject({ email });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof ResendConfirmation>;
  export type Response = MetaResponse<null, { message: string }>;
}
