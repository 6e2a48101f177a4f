package dev.printernizer.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface that only Printernizer implements: call it, never implement it. Methods may
 * be added to it in any minor version (with default implementations only where the project's own
 * test doubles need them), which would break an implementation outside the project. The testkit's
 * test doubles are part of the project.
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DoNotImplement {}
