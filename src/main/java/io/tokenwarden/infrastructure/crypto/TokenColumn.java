package io.tokenwarden.infrastructure.crypto;

/**
 * The columns a token (or another stored secret) is sealed for. The column's name is part of the
 * associated data of its ciphertext, so a value copied into the other column fails to decrypt; an
 * enum rather than a string means a typo cannot write a token that nobody can read back.
 */
public enum TokenColumn {
  ACCESS_TOKEN("access_token"),
  REFRESH_TOKEN("refresh_token"),
  /**
   * A webhook endpoint's signing secret (current or previous); sealed with the endpoint's id in
   * place of a tenant's.
   */
  WEBHOOK_SECRET("webhook_secret");

  private final String label;

  TokenColumn(String label) {
    this.label = label;
  }

  /** The name bound into the ciphertext; stored values depend on it, so it never changes. */
  String label() {
    return label;
  }
}
