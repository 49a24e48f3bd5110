package io.tokenwarden.interfaces.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link ProblemException} as problem+json, with Retry-After when it has one. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    Response.ResponseBuilder response =
        Problems.builder(e.type(), e.type().status(), e.getMessage(), e.extra());
    if (e.retryAfterSeconds() != null) {
      response.header("Retry-After", Math.max(1, e.retryAfterSeconds()));
    }
    return response.build();
  }
}
