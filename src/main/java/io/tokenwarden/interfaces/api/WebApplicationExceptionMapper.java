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
    return Problems.response(
        status.getStatusCode(),
        status.getReasonPhrase(),
        "The request could not be served: " + status.getReasonPhrase() + ".");
  }
}
