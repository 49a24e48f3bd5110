/**
 * Cryptography at rest: {@link io.tokenwarden.infrastructure.crypto.TokenCipher} encrypts tokens
 * with AES-256-GCM bound to tenant and column, {@link
 * io.tokenwarden.infrastructure.crypto.SecretHash} stores link tokens, OAuth states and API keys
 * only as hashes.
 */
package io.tokenwarden.infrastructure.crypto;
