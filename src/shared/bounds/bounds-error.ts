import { AppError } from '../errors.js';
import { boundsMessages as m } from './messages.js';

export type BoundKind = 'too_long' | 'out_of_range' | 'too_deep' | 'bad_time';

/**
 * A value that does not fit where it is going: refused with the field named, never a 500.
 * The API shows `field` and `limit`; chat shows the Chinese sentence.
 */
export class OutOfBoundsError extends AppError {
  constructor(
    readonly field: string,
    readonly bound: BoundKind,
    userMessage: string,
    details: Record<string, unknown> = {},
  ) {
    super(
      bound === 'too_long' ? 'field_too_long' : `field_${bound}`,
      `${field}: ${bound.replace(/_/g, ' ')}`,
      {
        status: 422,
        details: { field, ...details },
        userMessage,
      },
    );
  }

  static tooLong(field: string, max: number, actual: number): OutOfBoundsError {
    return new OutOfBoundsError(field, 'too_long', m.tooLong(m.label(field), max, actual), {
      maxLength: max,
    });
  }

  static outOfRange(field: string, details: Record<string, unknown> = {}): OutOfBoundsError {
    return new OutOfBoundsError(field, 'out_of_range', m.outOfRange(m.label(field)), details);
  }

  static tooDeep(field: string, max: number): OutOfBoundsError {
    return new OutOfBoundsError(field, 'too_deep', m.tooDeep(m.label(field), max), { maxDepth: max });
  }

  static badTime(field: string, details: Record<string, unknown> = {}): OutOfBoundsError {
    return new OutOfBoundsError(field, 'bad_time', m.badTime(m.label(field)), details);
  }
}
