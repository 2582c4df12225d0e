/** The panel's data layer: queries and mutations on the admin's RTK Query API, and file downloads. */
export * from './catalogue';
export * from './log';
export * from './webhooks';
export * from './imports';
export * from './types';
export { useFiles } from './files';
export * from './overview';
export * from './checkpoints';
