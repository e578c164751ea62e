/**
 * What the product analyses find (`bto check`, the editor's panel). Each
 * finding is located in the rules file like any other problem.
 */
import type { Value } from './model.js';

export interface Finding {
  kind:
    | 'dead-option'
    | 'forced-module'
    | 'rule-never-fires'
    | 'rule-implied'
    | 'row-unusable'
    | 'default-unavailable';
  /** A plain sentence. */
  message: string;
  /** Path into the rules file (for locating): e.g. ['rules', 3] or ['rules', 2, 'table', 'allow', 5]. */
  path: Array<string | number>;
  module?: string;
  value?: Value;
  rule?: string;
}

export interface ProductAnalysis {
  findings: Finding[];
  /** The exact number of valid configurations, as a decimal string (may be astronomically large). */
  configurations: string;
  /** Milliseconds the analyses took. */
  elapsedMs: number;
}
