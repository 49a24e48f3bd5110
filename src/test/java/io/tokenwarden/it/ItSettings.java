package io.tokenwarden.it;

/** Where the ITs find the server Maven started for them (set by failsafe in the pom). */
public final class ItSettings {

  private ItSettings() {}

  public static String baseUrl() {
    return System.getProperty("tokenwarden.it.baseUrl", "http://localhost:9180");
  }
}
