package io.tokenwarden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two checks every {@code @ConfigProperties} settings bean gets: a unit test sees exactly the
 * shipped defaults ({@link #of}), and each key stands in the README's configuration table with the
 * default written on its field ({@link #assertDocumentedInReadme}).
 */
public final class ConfigDefaults {

  private ConfigDefaults() {}

  /**
   * Fills a {@code @ConfigProperties} bean from the defaults written on its own fields, the way the
   * config runtime does when no key is set.
   */
  public static <T> T of(Class<T> type) {
    try {
      T bean = type.getDeclaredConstructor().newInstance();
      for (Field field : type.getDeclaredFields()) {
        ConfigProperty key = field.getAnnotation(ConfigProperty.class);
        if (key != null) {
          field.setAccessible(true);
          field.set(
              bean,
              optional(field, key)
                  ? Optional.empty()
                  : convert(field.getType(), key.defaultValue()));
        }
      }
      return bean;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot fill " + type.getName() + " from its defaults", e);
    }
  }

  /**
   * Every instance field of the bean is a key with a default, or an {@code Optional} key with none
   * (README: `none`) (the config runtime maps every declared field), and each such key has a row
   * {@code | `prefix.key` | `default` |} in the README's table, with or without the environment
   * variable's name after the key.
   */
  public static void assertDocumentedInReadme(Class<?> type) {
    String readme;
    try {
      readme = Files.readString(Path.of("README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String prefix = type.getAnnotation(ConfigProperties.class).prefix();
    for (Field field : type.getDeclaredFields()) {
      if (field.isSynthetic()) {
        continue;
      }
      ConfigProperty key = field.getAnnotation(ConfigProperty.class);
      assertThat(Modifier.isStatic(field.getModifiers())).as(field.getName()).isFalse();
      assertThat(key).as(field.getName() + " is a key").isNotNull();
      boolean optional = optional(field, key);
      assertThat(optional || !key.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE))
          .as(field.getName() + " has a default or is optional")
          .isTrue();
      Pattern row =
          Pattern.compile(
              "\\| `"
                  + Pattern.quote(prefix + "." + key.name())
                  + "`( \\(`[A-Z0-9_]+`\\))? \\| "
                  + (optional ? "none" : "`" + Pattern.quote(key.defaultValue()) + "`")
                  + " \\|");
      assertThat(row.matcher(readme).find())
          .as("README row for %s.%s with default %s", prefix, key.name(), key.defaultValue())
          .isTrue();
    }
  }

  /** A key without a default, read as an {@code Optional}: unset unless configured. */
  private static boolean optional(Field field, ConfigProperty key) {
    return field.getType() == Optional.class
        && key.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE);
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
