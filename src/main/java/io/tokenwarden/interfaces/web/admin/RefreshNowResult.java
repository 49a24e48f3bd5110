package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.domain.ConnectionStatus;

/** What a manual refresh came to, as the tenant page reports it. */
public record RefreshNowResult(ConnectionStatus status, boolean refreshed, String message) {}
