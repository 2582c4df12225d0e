import { route } from './builders';

// Consents collected elsewhere, with their evidence (multipart): shared/contracts/imports.ts.
export default [
  route('POST', '/imports', 'import.importCsv', 'consentsImport'),
  route('POST', '/imports/one', 'import.recordOne', 'consentsImport'),
];
