package io.tokenwarden.interfaces.web.connect;

/**
 * One rendered connect page: HTTP status, title, and the body's HTML (already escaped by {@link
 * ConnectPages}).
 */
record Page(int status, String title, String bodyHtml) {}
