/**
 * A promise request that cannot be answered, naming the input at fault so
 * that the quote service can return a 4xx that says which field to fix.
 */
export type PromiseField = 'configuration' | 'quantity' | 'destination' | 'orderTime' | 'ops';

export class PromiseError extends Error {
  /** The request field at fault. */
  readonly field: PromiseField;

  constructor(field: PromiseField, message: string) {
    super(message);
    this.name = 'PromiseError';
    this.field = field;
  }
}
