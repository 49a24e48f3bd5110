package io.tokenwarden.emulator;

/** What the sandbox made of one grant request (before it becomes HTTP). */
sealed interface TokenOutcome {

  record Issued(TokenIssue tokens) implements TokenOutcome {}

  record InvalidGrant(String description) implements TokenOutcome {}

  record RateLimited(RateDecision decision) implements TokenOutcome {}
}
