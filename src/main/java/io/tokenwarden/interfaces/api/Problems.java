package io.tokenwarden.interfaces.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 problem responses, the only error format of the API. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  public static Response response(int status, String title, String detail) {
    return builder(status, title, detail, null).build();
  }

  /** A problem with Retry-After (503 while throttled, 429). */
  public static Response withRetryAfter(int status, String title, String detail, long seconds) {
    return builder(status, title, detail, null).header("Retry-After", Math.max(1, seconds)).build();
  }

  static Response.ResponseBuilder builder(
      int status, String title, String detail, JsonObjectBuilder extra) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status)
            .add("detail", detail);
    if (extra != null) {
      body.addAll(extra);
    }
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
  }
}
