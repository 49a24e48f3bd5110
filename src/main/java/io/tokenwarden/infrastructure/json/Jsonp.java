package io.tokenwarden.infrastructure.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider Token Warden builds and reads JSON with. {@code jakarta.json.Json}'s
 * static methods look the provider up again on every call (ServiceLoader, and in Liberty an OSGi
 * service and class-loader search under locks); profiling the hand-out under load (docs/
 * BENCHMARKS.md, P3) found those lookups to be the most contended monitors of the request path. The
 * architecture test keeps {@code Json.*} out of the code.
 */
public final class Jsonp {

  /** Looked up once; providers are thread-safe and their builders cheap. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsonp() {}
}
