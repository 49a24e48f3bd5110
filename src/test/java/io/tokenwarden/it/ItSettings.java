package io.tokenwarden.it;

/** Where the ITs find the server Maven started for them (set by failsafe in the pom). */
public final class ItSettings {

  private ItSettings() {}

  public static String baseUrl() {
    return System.getProperty("tokenwarden.it.baseUrl", "http://localhost:9180");
  }

  /** The same server's HTTPS port (a self-signed certificate Liberty generated). */
  public static String secureBaseUrl() {
    return System.getProperty("tokenwarden.it.secureBaseUrl", "https://localhost:9543");
  }
}
