package io.tokenwarden.interfaces.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (404 no such path, 405, 415, bad JSON) as problem+json too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    ProblemType type =
        status.getStatusCode() == 404 ? ProblemType.NOT_FOUND : ProblemType.REQUEST_NOT_SERVED;
    return Problems.builder(
            type,
            status.getStatusCode(),
            "The request could not be served: " + status.getReasonPhrase() + ".",
            null)
        .build();
  }
}
