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
  | 'personal-removed'
  // Several chain lanes (server/src/events/lanes.ts): the same breaks, within one lane.
  | 'lane-prev-hash-mismatch'
  | 'lane-missing-at-end'
  | 'lane-head-mismatch'
  | 'lane-after-head'
  | 'unknown-lane';
