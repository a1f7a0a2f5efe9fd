/**
 * Bedrock's error shape: a JSON body `{"message": "..."}` whose exception name travels in the
 * `x-amzn-ErrorType` header. The AWS SDK reads that header to raise its typed exception
 * (`ThrottlingException`, `ValidationException`, ...) with `$metadata.httpStatusCode` set to the status.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 * @module
 */
import type { ErrorResult } from '../../canonical'

/** The exception Bedrock Runtime answers with for each status. */
const EXCEPTION_BY_STATUS: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  409: 'ConflictException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
}

export function bedrockError(error: ErrorResult): unknown {
  return { message: error.message }
}

export function bedrockErrorHeaders(error: ErrorResult): Record<string, string> {
  return { 'x-amzn-ErrorType': exceptionName(error) }
}

/** A fixture may name the exception itself (`"type": "ModelNotReadyException"`); otherwise the status picks it. */
export function exceptionName(error: ErrorResult): string {
  if (error.type && /^[A-Z][A-Za-z]*Exception$/.test(error.type)) return error.type
  const named = EXCEPTION_BY_STATUS[error.status]
  if (named) return named
  return error.status >= 500 ? 'InternalServerException' : 'ValidationException'
}
