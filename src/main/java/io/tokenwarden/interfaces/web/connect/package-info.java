/**
 * Interfaces layer: the tenant-facing connect pages under {@code /connect} (no login). A servlet
 * serves the link's landing page, turns the Connect button into a redirect to FreeAgent, and
 * renders the callback's result; a filter gives every page strict security headers, including
 * {@code Referrer-Policy: no-referrer} so the link token in the URL never leaks to another site.
 */
package io.tokenwarden.interfaces.web.connect;
