package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.domain.ConnectionStatus;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * Builds RFC 9457 problem responses, the only error format of the API. Each carries a stable {@link
 * ProblemType} URI; extension members ({@code field}, {@code connectionStatus}) are added by the
 * callers that know them.
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  public static Response response(ProblemType type, String detail) {
    return builder(type, type.status(), detail, null).build();
  }

  /** A problem with Retry-After (503 while throttled or the database is away). */
  public static Response withRetryAfter(ProblemType type, String detail, long seconds) {
    return builder(type, type.status(), detail, null)
        .header("Retry-After", Math.max(1, seconds))
        .build();
  }

  /** A 409 about the connection, naming its status so a client can act without another call. */
  static JsonObjectBuilder connectionStatus(ConnectionStatus status) {
    return JSON.createObjectBuilder().add("connectionStatus", status.name());
  }

  /** The type for a connection that cannot yield a token. */
  static ProblemType forUnusable(ConnectionStatus status) {
    return status == ConnectionStatus.NEEDS_RECONNECT
        ? ProblemType.NEEDS_RECONNECT
        : ProblemType.NOT_CONNECTED;
  }

  static Response.ResponseBuilder builder(
      ProblemType type, int status, String detail, JsonObjectBuilder extra) {
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("type", type.uri())
            .add("title", type.title())
            .add("status", status)
            .add("detail", detail);
    if (extra != null) {
      body.addAll(extra);
    }
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
  }
}
