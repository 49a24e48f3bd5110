package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;

/**
 * What a refresh request ended with: the connection's status afterwards, whether a new token pair
 * was stored (by this call or by the refresh it waited for), and a sentence for a person.
 */
public record RefreshResult(ConnectionStatus status, boolean refreshed, String message) {}
