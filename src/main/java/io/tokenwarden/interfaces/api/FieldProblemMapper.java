package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link FieldProblem} as a 400 problem+json with a {@code field} member. */
@Provider
public class FieldProblemMapper implements ExceptionMapper<FieldProblem> {

  @Override
  public Response toResponse(FieldProblem e) {
    return Problems.builder(
            ProblemType.VALIDATION,
            400,
            e.getMessage(),
            e.field() == null ? null : JSON.createObjectBuilder().add("field", e.field()))
        .build();
  }
}
