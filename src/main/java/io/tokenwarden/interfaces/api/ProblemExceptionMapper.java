package io.tokenwarden.interfaces.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link ProblemException} as problem+json, with Retry-After when it has one. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    return e.retryAfterSeconds() == null
        ? Problems.response(e.status(), e.title(), e.getMessage())
        : Problems.withRetryAfter(e.status(), e.title(), e.getMessage(), e.retryAfterSeconds());
  }
}
