package io.tokenwarden.infrastructure.freeagent;

import java.util.Locale;

/** Which FreeAgent Token Warden talks to; each has preset URLs (custom: all URLs explicit). */
public enum FreeAgentMode {
  EMULATOR,
  SANDBOX,
  PRODUCTION,
  CUSTOM;

  public static FreeAgentMode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tokenwarden.freeagent.mode must be emulator, sandbox, production or custom, not '"
              + value
              + "'");
    }
  }
}
