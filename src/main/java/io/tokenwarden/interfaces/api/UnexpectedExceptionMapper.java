package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unforeseen becomes a 500 problem with an incident id; the log gets the exception class
 * and the id (exception messages in this code base never carry secrets).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(RuntimeException e) {
    if (e instanceof ProblemException problem) {
      return new ProblemExceptionMapper().toResponse(problem);
    }
    if (e instanceof StoreUnavailableException unavailable) {
      return StoreUnavailableMapper.response(unavailable);
    }
    if (e instanceof jakarta.ws.rs.WebApplicationException web) {
      return new WebApplicationExceptionMapper().toResponse(web);
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "API incident " + incident + ": " + e.getClass().getName(), e);
    return Problems.response(
        ProblemType.INTERNAL, "Something went wrong on our side; quote incident " + incident + ".");
  }
}
