package io.tokenwarden.application.refresh;

import java.lang.reflect.Field;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills a {@code @ConfigProperties} bean from the defaults written on its own fields, the way the
 * config runtime does when no key is set, so a unit test sees exactly the shipped defaults.
 */
final class AnnotatedDefaults {

  private AnnotatedDefaults() {}

  static <T> T of(Class<T> type) {
    try {
      T bean = type.getDeclaredConstructor().newInstance();
      for (Field field : type.getDeclaredFields()) {
        ConfigProperty key = field.getAnnotation(ConfigProperty.class);
        if (key != null) {
          field.setAccessible(true);
          field.set(bean, convert(field.getType(), key.defaultValue()));
        }
      }
      return bean;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot fill " + type.getName() + " from its defaults", e);
    }
  }

  private static Object convert(Class<?> type, String value) {
    if (type == int.class) {
      return Integer.parseInt(value);
    }
    if (type == double.class) {
      return Double.parseDouble(value);
    }
    if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    }
    if (type == String.class) {
      return value;
    }
    if (type == Duration.class) {
      return Duration.parse(value);
    }
    throw new IllegalArgumentException("No test conversion for " + type);
  }
}
