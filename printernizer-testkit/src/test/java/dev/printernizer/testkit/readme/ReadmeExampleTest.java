package dev.printernizer.testkit.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles and prints what the README says it prints. */
class ReadmeExampleTest {
  @TempDir
  Path dir;

  @Test
  void readmeExampleCompilesAndRuns() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    int a = text.indexOf("<!-- readme-example:start -->");
    int b = text.indexOf("<!-- readme-example:end -->");
    assertTrue(a >= 0 && b > a, "README.md lost its example markers");
    String block = text.substring(a, b);
    String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
    Path src = dir.resolve("ReadmeExample.java");
    Files.writeString(src, code);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = javac.run(null, null, err, "-Xlint:all", "-Werror", "--release", "17",
        "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), src.toString());
    assertEquals(0, rc, "the README example does not compile:\n" + err);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = cl.loadClass("ReadmeExample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.contains("Benchy running auto"), "README promises this line: " + lines);
    assertTrue(lines.contains("live progress 40.0%"), "README promises this line: " + lines);
    assertTrue(text.contains("It prints `Benchy running auto`")
        && text.contains("`live progress 40.0%`"), "README text and example output disagree");
  }
}
