/**
 * Domain errors carry a stable code that callers branch on, and decide once whether their
 * message may be shown to the person who caused them (Koa's `expose`). The chat layer and
 * the HTTP layer each map them in exactly one place.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly details: Record<string, unknown>;
  /** What a chat user is told (Chinese); the English message is for logs and the API. */
  readonly userMessage: string | undefined;

  constructor(
    code: string,
    message: string,
    options: {
      status?: number;
      expose?: boolean;
      details?: Record<string, unknown>;
      userMessage?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 400;
    this.expose = options.expose ?? this.status < 500;
    this.details = options.details ?? {};
    this.userMessage = options.userMessage;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super('not_found', `${what} ${id} was not found`, { status: 404, details: { what, id } });
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('validation_failed', message, { status: 400, details });
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', message, { status: 403, details });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { status: 409, details });
  }
}

/** A request a person made in chat that the rules refuse; the Chinese text says why. */
export class RefusedError extends AppError {
  constructor(code: string, userMessage: string, details: Record<string, unknown> = {}) {
    super(code, `refused: ${code}`, { status: 422, details, userMessage });
  }
}
