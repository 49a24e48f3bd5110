package io.tokenwarden.emulator;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** A MicroProfile Config holding fixed values, for unit tests of the configuration readers. */
final class FakeConfig {

  private FakeConfig() {}

  static Config config(Map<String, String> values) {
    return (Config)
        Proxy.newProxyInstance(
            FakeConfig.class.getClassLoader(),
            new Class<?>[] {Config.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getOptionalValue")) {
                String value = values.get((String) args[0]);
                if (value == null) {
                  return Optional.empty();
                }
                Class<?> type = (Class<?>) args[1];
                if (type == Boolean.class) {
                  return Optional.of(Boolean.valueOf(value));
                }
                if (type == Long.class) {
                  return Optional.of(Long.valueOf(value));
                }
                return Optional.of(value);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
