package io.tokenwarden.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer as plain data, so the emulator's protocol rules can be unit-tested without a
 * server; the JAX-RS resources turn it into a {@code Response}. Token responses always carry {@code
 * Cache-Control: no-store} (RFC 6749 §5.1).
 */
public record HttpReply(int status, String contentType, String body, Map<String, String> headers) {

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  public HttpReply {
    headers = Map.copyOf(headers);
  }

  static HttpReply json(int status, String body) {
    return new HttpReply(status, JSON, body, noStore());
  }

  static HttpReply text(int status, String body) {
    return new HttpReply(status, TEXT, body, noStore());
  }

  static HttpReply html(int status, String body) {
    return new HttpReply(status, HTML, body, noStore());
  }

  /** The same reply with one more header. */
  HttpReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, contentType, body, more);
  }

  private static Map<String, String> noStore() {
    return Map.of("Cache-Control", "no-store", "Pragma", "no-cache");
  }
}
