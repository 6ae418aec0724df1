import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../../domain/shared/errors.ts';
import type { ErrorResponse } from './api-schemas.ts';

/** An error the API answers as is: its status and message go to the client. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of an error answer. */
export function errorBody(statusCode: number, message: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Ajv's errors as one sentence: "querystring/period must be one of month, quarter, year". */
function describeValidation(error: FastifyError): string {
  const items = error.validation ?? [];
  if (items.length === 0) return error.message;
  return items
    .map((item) => {
      const where = `${error.validationContext ?? 'request'}${item.instancePath}`;
      const allowed = (item.params as { allowedValues?: unknown[] }).allowedValues;
      if (item.keyword === 'enum' && Array.isArray(allowed)) return `${where} must be one of ${allowed.join(', ')}`;
      return `${where} ${item.message ?? 'is not valid'}`;
    })
    .join('; ');
}

/**
 * The API's error handler: JSON answers with a clear message and no stack trace. Bad query strings are 400, malformed
 * ids 404 (no such thing can exist), UserErrors 400, client errors keep their status; anything else is logged and 500.
 */
export async function sendApiError(error: FastifyError | ApiError | UserError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (error instanceof ApiError) {
    return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.statusCode, error.message));
  }
  if (error instanceof UserError) return reply.code(400).send(errorBody(400, error.message));
  if ('validation' in error && error.validation !== undefined) {
    const status = error.validationContext === 'params' ? 404 : 400;
    return reply.code(status).send(errorBody(status, status === 404 ? `nothing is found at ${request.url.split('?')[0]}` : describeValidation(error)));
  }
  if ('code' in error && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send(errorBody(413, `the request body is larger than ${request.routeOptions.bodyLimit} bytes: send the events in smaller batches`));
  }
  const status = 'statusCode' in error ? error.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send(errorBody(status, error.message));
  request.log.error({ err: error }, 'API request failed');
  return reply.code(500).send(errorBody(500, `the request failed; quote ${String(request.id)} when reporting it`));
}
