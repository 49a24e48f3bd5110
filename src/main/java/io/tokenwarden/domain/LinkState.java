package io.tokenwarden.domain;

import java.util.Locale;

/**
 * Where an onboarding link stands at a given moment. Revoked and used win over expired: a link the
 * operator revoked stays "revoked" after its expiry passes, so the console tells the real story.
 */
public enum LinkState {
  USABLE,
  EXPIRED,
  REVOKED,
  USED;

  /** The lower-case word the console and the API show ("usable", "expired", ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
