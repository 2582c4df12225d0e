/** Why the consent chain is broken at a record: the integrity report's `firstBroken.code`. */
export type BrokenCode =
  | 'duplicate-seq'
  | 'missing-before'
  | 'prev-hash-mismatch'
  | 'altered'
  | 'missing-at-end'
  | 'head-mismatch'
  | 'after-head'
  | 'unsequenced'
  | 'personal-altered'
  | 'personal-removed';
