package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries on the module path (unit tests run on the class path): a small consumer module
 * is compiled against the module descriptors and run in its own JVM; the core finds the Prusa
 * driver through {@code uses}/{@code provides}, the JDBC store opens its embedded database.
 */
class ModulePathTest {
  private static final Pattern NEEDED = Pattern.compile(".*(printernizer-core|printernizer-jdbc|"
      + "printernizer-driver-prusa|slf4j-api|slf4j-simple|caffeine|/h2/|okhttp|okio|kotlin-stdlib|"
      + "org/jetbrains/annotations|jackson-core|jackson-databind|jackson-annotations|jspecify|"
      + "error_prone_annotations).*");

  @TempDir
  Path dir;

  @Test
  void aConsumerModuleWiresTheLibraryOnTheModulePath() throws Exception {
    List<String> mp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (NEEDED.matcher(e.replace(File.separatorChar, '/')).matches()
          && !e.contains("test-classes")) {
        mp.add(e);
      }
    }
    String modulePath = String.join(File.pathSeparator, mp);
    Path src = dir.resolve("src/it.modulepath");
    Files.createDirectories(src.resolve("it/modulepath"));
    Files.writeString(src.resolve("module-info.java"), "module it.modulepath {\n"
        + "  requires dev.printernizer.core;\n  requires dev.printernizer.jdbc;\n"
        + "  requires com.h2database; // the embedded store is optional in printernizer-jdbc\n"
        + "  requires dev.printernizer.driver.prusa;\n}\n");
    Files.writeString(src.resolve("it/modulepath/Main.java"), "package it.modulepath;\n"
        + "import dev.printernizer.Printernizer;\n"
        + "import dev.printernizer.api.*;\n"
        + "import dev.printernizer.jdbc.JdbcJobStore;\n"
        + "public class Main {\n"
        + "  public static void main(String[] a) {\n"
        + "    try (JdbcJobStore store = JdbcJobStore.h2(java.nio.file.Path.of(a[0]));\n"
        + "         Printernizer p = Printernizer.builder().jobStore(store)\n"
        + "           .printer(PrinterConfig.builder(PrinterId.of(\"mk4\"), \"prusa\")\n"
        + "             .host(\"127.0.0.1\").port(9).credential(Secret.of(\"x\")).build())\n"
        + "           .build()) {\n"
        + "      System.out.println(\"module path ok: \" + store.databaseKind() + \", \"\n"
        + "          + p.printers().size() + \" printer, driver found by ServiceLoader\");\n"
        + "    }\n  }\n}\n");
    Path out = dir.resolve("out");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, null, err, "--release", "17", "--module-path", modulePath, "-d",
        out.toString(), src.resolve("module-info.java").toString(),
        src.resolve("it/modulepath/Main.java").toString());
    assertEquals(0, rc, "compiling the consumer module failed:\n" + err);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process proc = new ProcessBuilder(java, "--module-path",
        modulePath + File.pathSeparator + out, "-m", "it.modulepath/it.modulepath.Main",
        dir.resolve("db").toString()).redirectErrorStream(true).start();
    String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "timed out");
    assertEquals(0, proc.exitValue(), output);
    assertTrue(output.contains("module path ok: H2, 1 printer, driver found by ServiceLoader"),
        output);
  }
}
