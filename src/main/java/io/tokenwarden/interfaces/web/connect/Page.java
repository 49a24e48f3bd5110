package io.tokenwarden.interfaces.web.connect;

/**
 * One rendered connect page: HTTP status, title, and the body's HTML (already escaped by {@link
 * ConnectPages}).
 *
 * @param offersRetry whether the page carries a "Try again" button (a POST to /connect/again)
 */
record Page(int status, String title, String bodyHtml, boolean offersRetry) {

  Page(int status, String title, String bodyHtml) {
    this(status, title, bodyHtml, false);
  }

  Page withRetry() {
    return new Page(status, title, bodyHtml, true);
  }
}
