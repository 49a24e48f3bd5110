package io.tokenwarden.emulator;

/**
 * What happens to a refresh token when it is used. FreeAgent does not document whether the old
 * token stays valid after a refresh, so the emulator can play each plausible policy.
 */
public enum RotationMode {
  /** The same refresh token comes back and stays valid. */
  NONE,
  /**
   * A new refresh token comes back; the old one keeps working until the new one is first used or
   * the grace period ends, whichever comes first.
   */
  GRACE,
  /**
   * A new refresh token comes back and the old one dies at once; presenting a spent token again
   * revokes the whole grant (RFC 9700 §4.14 refresh token reuse detection).
   */
  STRICT
}
