package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API of every published module, dumped to {@code api/<module>.api} and compared:
 * a change to a public or protected signature in an exported package fails this test until the
 * dump is updated, so every API change is a visible diff in review. Update the dumps with
 * {@code mvn verify -pl printernizer-examples -am -Dtest=PublicApiTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dprinternizer.api.update=true}.
 */
class PublicApiTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"printernizer-core", "printernizer-simulators", "printernizer-testkit",
      "printernizer-jdbc",
      "printernizer-driver-prusa", "printernizer-driver-bambu", "printernizer-driver-moonraker",
      "printernizer-notifiers",
      "printernizer-homeassistant", "printernizer-micrometer",
      "printernizer-spring-boot-starter"})
  void thePublicApiIsTheCheckedInDump(String module) throws Exception {
    Path classes = ROOT.resolve(module).resolve("target/classes");
    ModuleReference ref = ModuleFinder.of(classes).findAll().iterator().next();
    ModuleDescriptor d = ref.descriptor();
    Set<String> exported = d.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    List<String> lines = new ArrayList<>();
    lines.add("module " + d.name());
    for (String pkg : exported) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          String file = f.getFileName().toString();
          if (file.endsWith(".class") && !file.equals("package-info.class")) {
            Class<?> c = Class.forName(pkg + "." + file.substring(0, file.length() - 6), false,
                PublicApiTest.class.getClassLoader());
            if (visible(c)) {
              lines.addAll(describe(c));
            }
          }
        }
      }
    }
    String actual = String.join("\n", lines) + "\n";
    Path dump = ROOT.resolve("api").resolve(module + ".api");
    if (Boolean.getBoolean("printernizer.api.update")) {
      Files.createDirectories(dump.getParent());
      Files.writeString(dump, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.exists(dump) ? Files.readString(dump, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      fail("the public API of " + module + " changed; review it and update api/" + module
          + ".api (-Dprinternizer.api.update=true, see this class's Javadoc):\n"
          + diff(expected, actual));
    }
  }

  /** Public, or protected and nested in a visible type (e.g. a kit's nested test class). */
  private static boolean visible(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    int m = c.getModifiers();
    if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
      return false;
    }
    return c.getEnclosingClass() == null || visible(c.getEnclosingClass());
  }

  private static List<String> describe(Class<?> c) {
    List<String> out = new ArrayList<>();
    out.add(c.toGenericString());
    TreeSet<String> members = new TreeSet<>();
    for (Field f : c.getDeclaredFields()) {
      if (exposed(f.getModifiers()) && !f.isSynthetic()) {
        members.add("  field " + f.toGenericString()
            + (nullable(f.getAnnotatedType()) ? " @Nullable" : ""));
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (exposed(k.getModifiers()) && !k.isSynthetic()) {
        members.add("  " + k.toGenericString() + nullness(k, null));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        members.add("  " + m.toGenericString() + nullness(m, m.getAnnotatedReturnType()));
      }
    }
    out.addAll(members);
    return out;
  }

  /**
   * Which positions may be null: " @Nullable(return, 0, 2)" for a nullable return and first and
   * third parameter; empty when none. JSpecify's annotations are kept at run time.
   */
  private static String nullness(Executable e, AnnotatedType returned) {
    List<String> at = new ArrayList<>();
    if (returned != null && nullable(returned)) {
      at.add("return");
    }
    AnnotatedType[] params = e.getAnnotatedParameterTypes();
    for (int i = 0; i < params.length; i++) {
      if (nullable(params[i])) {
        at.add(String.valueOf(i));
      }
    }
    return at.isEmpty() ? "" : " @Nullable(" + String.join(", ", at) + ")";
  }

  private static boolean nullable(AnnotatedType t) {
    return t.isAnnotationPresent(Nullable.class);
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String diff(String expected, String actual) {
    Set<String> was = new TreeSet<>(List.of(expected.split("\n")));
    Set<String> now = new TreeSet<>(List.of(actual.split("\n")));
    StringBuilder sb = new StringBuilder();
    for (String l : was) {
      if (!now.contains(l)) {
        sb.append("- ").append(l).append('\n');
      }
    }
    for (String l : now) {
      if (!was.contains(l)) {
        sb.append("+ ").append(l).append('\n');
      }
    }
    return sb.toString();
  }
}
