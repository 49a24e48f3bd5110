package io.tokenwarden.emulator;

/** What the sandbox made of one API call's bearer token. */
sealed interface ApiAccess {

  record Granted(SandboxUser user) implements ApiAccess {}

  record Unauthorized(String message) implements ApiAccess {}

  record RateLimited(RateDecision decision) implements ApiAccess {}
}
