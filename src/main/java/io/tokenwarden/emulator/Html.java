package io.tokenwarden.emulator;

import org.owasp.encoder.Encode;

/**
 * Escaping for every value the emulator writes into HTML (names, emails, state, error text), so
 * nothing a client or a control API caller sends can become markup.
 */
final class Html {

  private Html() {}

  static String escape(Object value) {
    return Encode.forHtml(String.valueOf(value));
  }

  /** A complete, minimal page. */
  static String page(String title, String bodyHtml) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;"
        + "padding:0 1rem}li{list-style:none;margin:.4rem 0}button{margin-right:1rem;"
        + "padding:.5rem 1.5rem}.note{color:#666;font-size:.9rem}</style></head><body>"
        + bodyHtml
        + "</body></html>";
  }

  /** The page a provider or a proxy in front of it shows when something broke. */
  static String errorPage(int status, String title, String message) {
    return page(
        status + " " + title, "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p>");
  }
}
