export const PLUGIN_ID = 'user-consent';

export const uid = <T extends string>(name: T) => `plugin::${PLUGIN_ID}.${name}` as const;

export const UIDS = {
  company: uid('company'),
  agreement: uid('agreement'),
  agreementVersion: uid('agreement-version'),
  form: uid('form'),
  consent: uid('consent'),
  personal: uid('personal'),
  erasure: uid('erasure'),
  exportLog: uid('export-log'),
  selfLink: uid('self-link'),
  confirmation: uid('confirmation'),
} as const;
