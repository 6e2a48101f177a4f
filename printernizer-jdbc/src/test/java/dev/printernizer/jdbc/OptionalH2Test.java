package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2 is optional: without it the store works on other databases and h2(...) says what to add. */
class OptionalH2Test {
  @TempDir
  Path dir;

  /** The store's classes with core and SLF4J, but without H2 (or any JDBC driver). */
  private static ClassLoader withoutH2() throws Exception {
    Class<?>[] from = {JdbcJobStore.class, dev.printernizer.api.Job.class,
        org.slf4j.LoggerFactory.class, com.github.benmanes.caffeine.cache.Caffeine.class};
    URL[] urls = new URL[from.length];
    for (int i = 0; i < from.length; i++) {
      urls[i] = from[i].getProtectionDomain().getCodeSource().getLocation();
    }
    ClassLoader l = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.h2.Driver", false, l));
    return l;
  }

  private static Throwable cause(Method m, Object... args) {
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> m.invoke(null, args));
    return e.getCause();
  }

  @Test
  void withoutH2TheEmbeddedStoreSaysWhichDependencyToAdd() throws Exception {
    Class<?> store = Class.forName(JdbcJobStore.class.getName(), true, withoutH2());
    Throwable t = cause(store.getMethod("h2", Path.class), dir);
    assertEquals(JobStoreException.class.getName(), t.getClass().getName(), t.toString());
    assertTrue(t.getMessage().contains("com.h2database:h2"), t.getMessage());
  }

  @Test
  void withoutH2TheStoreStillLoadsAndWorksOnAnotherDatabase() throws Exception {
    Class<?> store = Class.forName(JdbcJobStore.class.getName(), true, withoutH2());
    DataSource unreachable = (DataSource) Proxy.newProxyInstance(
        OptionalH2Test.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          throw new SQLException("connection refused (test)");
        });
    Throwable t = cause(store.getMethod("create", DataSource.class), unreachable);
    assertEquals(JobStoreException.class.getName(), t.getClass().getName(), t.toString());
    assertTrue(t.getMessage().contains("cannot reach"), t.getMessage());
  }
}
