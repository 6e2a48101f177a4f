package dev.printernizer.testkit.property;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replays a property with a fixed seed. Put it on the test method that runs the property; the
 * system property {@code printernizer.testkit.seed} wins over it.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Seed {
  /** @return the seed printed by a failure report */
  long value();
}
