/**
 * What the editor page and its checking worker say to each other. Plain
 * data only (it crosses postMessage), so the worker can be swapped for a
 * direct call in tests.
 */
import type { CheckResult } from '../checks/run.js';
import type { Finding } from '../rules/lint-types.js';
import type { CompiledModel } from '../rules/model.js';
import type { Problem } from '../rules/problems.js';

export interface CheckRequest {
  /** Increases with each request; answers to older ones are dropped. */
  id: number;
  rules: string;
  rulesName: string;
  /** The checks file's text, when one is open. */
  checks?: string;
  checksName?: string;
}

/** A module as far as autocomplete and hover need it; read leniently, so it works while the file has errors. */
export interface OutlineModule {
  id: string;
  label?: string;
  description?: string;
  kind: 'choice' | 'number';
  optional: boolean;
  options: Array<{ id: string; label?: string; price?: number }>;
  min?: number;
  max?: number;
}

export interface LocatedFinding extends Finding {
  line: number;
  column: number;
}

export interface LocatedCheck extends CheckResult {
  line: number;
}

export interface CheckResponse {
  id: number;
  problems: Problem[];
  /** Present when the rules have no error: what the live widget shows. */
  model?: CompiledModel;
  analysis?: { findings: LocatedFinding[]; configurations: string; elapsedMs: number };
  outline: OutlineModule[];
  /** Problems in the checks file itself. */
  checkProblems: Problem[];
  checkResults?: LocatedCheck[];
  /** Milliseconds the whole round took in the worker. */
  elapsedMs: number;
}
