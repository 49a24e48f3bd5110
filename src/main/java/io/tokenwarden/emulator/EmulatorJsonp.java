package io.tokenwarden.emulator;

import jakarta.json.spi.JsonProvider;

/**
 * The emulator's JSON-P provider, looked up once: {@code jakarta.json.Json}'s static methods look
 * it up on every call, which under load costs more than the token endpoint's own work. The emulator
 * shares no code with Token Warden, so it holds its own (Token Warden's is {@code
 * infrastructure.json.Jsonp}).
 */
final class EmulatorJsonp {

  /** Looked up once; providers are thread-safe. */
  static final JsonProvider JSON = JsonProvider.provider();

  private EmulatorJsonp() {}
}
