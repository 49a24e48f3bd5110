/**
 * Application layer: encryption-key rotation for tokens at rest. {@link
 * io.tokenwarden.application.keys.TokenReEncryption} re-seals every stored token under the primary
 * key in small batches, each under its rows' locks, so an operator can tell from {@link
 * io.tokenwarden.application.keys.KeyUsage} when an old key holds nothing any more and may be
 * removed.
 */
package io.tokenwarden.application.keys;
