package io.tokenwarden.bench;

import io.tokenwarden.interfaces.api.ApiKeyAuthenticationFilter;
import io.tokenwarden.interfaces.api.TokenApi;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The hand-out's ceilings between the servlet's and its own (test-only, deployed by the hand-out
 * bench alone): the same JAX-RS runtime as the API, answering a constant of the hand-out's size,
 * with nothing around it and behind the API's own key check ({@link ApiKeyAuthenticationFilter} on
 * a {@link TokenApi} resource), each answered on the request thread and suspended (as the hand-out
 * answers, {@code AsyncResponse}). Under {@code wrk}, they split the gap between a constant servlet
 * and the hand-out into what JAX-RS costs, what the key check costs and what the hand-out's own
 * work costs.
 */
@ApplicationPath("/bench-api")
public class BenchApiBaseline extends Application {

  /** A body of the hand-out's shape and size (a 44-character token, its expiry, no warnings). */
  static final String CONSTANT =
      "{\"access_token\":\""
          + "x".repeat(44)
          + "\",\"token_type\":\"bearer\","
          + "\"expires_at\":\"2026-12-07T16:00:00Z\",\"expires_in\":3000,"
          + "\"status\":\"CONNECTED\",\"warnings\":[]}";

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ApiKeyAuthenticationFilter.class, Constant.class, ConstantBehindKey.class);
  }

  /** {@code GET /bench-api/constant}: JAX-RS alone, answered on the request thread or suspended. */
  @Path("/constant")
  public static class Constant {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String constant() {
      return CONSTANT;
    }

    @GET
    @Path("suspended")
    @Produces(MediaType.APPLICATION_JSON)
    public void suspended(@Suspended AsyncResponse response) {
      response.resume(CONSTANT);
    }
  }

  /**
   * {@code GET /bench-api/constant-behind-key}: the same two methods behind the TOKEN key check.
   */
  @Path("/constant-behind-key")
  @TokenApi
  public static class ConstantBehindKey extends Constant {}
}
