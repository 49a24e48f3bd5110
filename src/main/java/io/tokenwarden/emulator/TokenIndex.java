package io.tokenwarden.emulator;

/**
 * The emulator's lookup from a refresh token to its grant. A grant registers and forgets its own
 * tokens while it holds its lock, so the index never points at a token the grant has discarded.
 */
interface TokenIndex {

  void register(String refreshToken, Grant grant);

  void forget(String refreshToken);
}
