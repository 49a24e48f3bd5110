package io.tokenwarden.emulator;

import java.time.Instant;

/**
 * An authorization request the approve_app page is showing: validated once on GET and kept on the
 * server, so the Approve/Deny form carries only its random id and cannot smuggle in a different
 * redirect URI.
 */
record PendingApproval(String clientId, String redirectUri, String state, Instant expiresAt) {

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
