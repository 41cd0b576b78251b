/**
 * Input the engine refuses rather than truncating. `task_too_long` is the one a person can hit
 * through the API (the schemas bound every other text), so the API answers it with 413;
 * `field_too_long` means a caller skipped the schemas.
 */
export type AssemblyInputErrorCode = 'task_too_long' | 'field_too_long';

export class AssemblyInputError extends Error {
  readonly code: AssemblyInputErrorCode;
  readonly field: string;
  readonly limit: number;
  readonly actual: number;

  constructor(code: AssemblyInputErrorCode, field: string, limit: number, actual: number, message: string) {
    super(message);
    this.name = 'AssemblyInputError';
    this.code = code;
    this.field = field;
    this.limit = limit;
    this.actual = actual;
  }
}
