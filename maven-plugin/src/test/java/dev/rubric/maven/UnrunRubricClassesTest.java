package dev.rubric.maven;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Class files compiled by javac from sources written here, scanned the way check and report scan test-classes. */
class UnrunRubricClassesTest {

    @TempDir
    static Path work;
    static Path classes;

    private static final Map<String, String> SOURCES = Map.of(
            "dev/rubric/junit/RubricTest.java", """
                    package dev.rubric.junit;
                    import java.lang.annotation.*;
                    @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                    public @interface RubricTest { int samples() default 1; }
                    """,
            "com/example/SupportQuality.java", """
                    package com.example;
                    import dev.rubric.junit.RubricTest;
                    class SupportQuality {
                        static final long BIG = 1234567890123L;  // two constant-pool entries
                        static final double RATE = 0.8;
                        static final String TEXT = "Ldev/rubric/junit/RubricTest is just text here";
                        @RubricTest(samples = 3) void explainsRefunds() { }
                    }
                    """,
            "com/example/SupportQualityTest.java", """
                    package com.example;
                    class SupportQualityTest { @dev.rubric.junit.RubricTest void answers() { } }
                    """,
            "com/example/AbstractRubricBase.java", """
                    package com.example;
                    abstract class AbstractRubricBase { @dev.rubric.junit.RubricTest void inherited() { } }
                    """,
            "com/example/Outer.java", """
                    package com.example;
                    class Outer { static class Inner { @dev.rubric.junit.RubricTest void nested() { } } }
                    """,
            "com/example/KnowledgeBaseTest.java", """
                    package com.example;
                    class KnowledgeBaseTest { void plainTest() { Class<?> c = dev.rubric.junit.RubricTest.class; } }
                    """);

    @BeforeAll
    static void compile() throws IOException {
        Path src = work.resolve("src");
        classes = work.resolve("test-classes");
        Files.createDirectories(classes);
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        SOURCES.keySet().forEach(k -> args.add(src.resolve(k).toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        Files.writeString(classes.resolve("com/example/NotAClass.class"), "not a class file");
        byte[] real = Files.readAllBytes(classes.resolve("com/example/SupportQualityTest.class"));
        Files.write(classes.resolve("com/example/Truncated.class"), Arrays.copyOf(real, real.length / 2));
    }

    @Test
    void findsTheConcreteTopLevelClassesWithRubricTestMethods() throws IOException {
        assertThat(UnrunRubricClasses.rubricTestClasses(classes))
                .containsExactly("com.example.SupportQuality", "com.example.SupportQualityTest");
    }

    @Test
    void aClassWithResultsRanAndOneWithoutDidNot() throws IOException {
        List<String> found = UnrunRubricClasses.rubricTestClasses(classes);

        assertThat(UnrunRubricClasses.withoutResults(found, List.of("com.example.SupportQualityTest")))
                .containsExactly("com.example.SupportQuality");
        assertThat(UnrunRubricClasses.withoutResults(found, List.of("com.example.SupportQualityTest",
                "com.example.SupportQuality"))).isEmpty();
    }

    @Test
    void theWarningNamesTheClassSurefiresDefaultsAndTheFix() {
        assertThat(UnrunRubricClasses.warning("com.example.SupportQuality")).contains(
                "com.example.SupportQuality has @RubricTest methods but no results",
                "*Test, Test*, *Tests or *TestCase", "rename it (e.g. SupportQualityTest)",
                "<include>**/SupportQuality.java</include>", "<includes>");
    }

    @Test
    void aClassWhoseNameSurefireTakesIsBlamedOnTheConfigurationNotTheName() {
        assertThat(UnrunRubricClasses.warning("com.example.SupportQualityTest")).contains(
                "though Surefire's default includes take its name", "<excludeJUnit5Engines>", "rubric-junit")
                .doesNotContain("rename");
        assertThat(UnrunRubricClasses.sentence(List.of("com.example.SupportQualityTest")))
                .contains("the rubric engine itself did not run");
        assertThat(UnrunRubricClasses.sentence(List.of("com.example.SupportQuality", "com.example.OtherTest")))
                .contains("SupportQuality, com.example.OtherTest", "rename them");
    }

    @Test
    void aClassNamedForFailsafeIsPointedAtFailsafe() {
        assertThat(UnrunRubricClasses.warning("com.example.SupportQualityIT")).contains(
                "its name is one for Failsafe", "maven-failsafe-plugin", "-DskipITs").doesNotContain("rename");
        assertThat(List.of("a.FooIT", "a.ITFoo", "a.FooITCase")).allMatch(UnrunRubricClasses::failsafeIncludesByDefault);
        assertThat(List.of("a.FooTest", "a.Edit")).noneMatch(UnrunRubricClasses::failsafeIncludesByDefault);
        assertThat(UnrunRubricClasses.sentence(List.of("com.example.SupportQualityIT")))
                .contains("Failsafe's (*IT, IT*, *ITCase)", "maven-failsafe-plugin runs").doesNotContain("rename");
    }

    @Test
    void surefiresDefaultIncludes() {
        assertThat(List.of("a.FooTest", "a.TestFoo", "a.FooTests", "a.FooTestCase"))
                .allMatch(UnrunRubricClasses::surefireIncludesByDefault);
        assertThat(List.of("a.SupportQuality", "a.FooIT", "a.Testing.Foo", "a.Contest"))
                .noneMatch(UnrunRubricClasses::surefireIncludesByDefault);
    }

    @Test
    void aMissingFolderHasNoClasses() throws IOException {
        assertThat(UnrunRubricClasses.rubricTestClasses(work.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void theHeaderNamesTheClassAndItsKind() throws IOException {
        var header = ClassFileHeader.read(Files.readAllBytes(classes.resolve("com/example/AbstractRubricBase.class")),
                Set.of(UnrunRubricClasses.RUBRIC_TEST_DESCRIPTOR)).orElseThrow();

        assertThat(header.name()).isEqualTo("com.example.AbstractRubricBase");
        assertThat(header.concrete()).isFalse();
        assertThat(header.found()).containsExactly(UnrunRubricClasses.RUBRIC_TEST_DESCRIPTOR);
    }

    @Test
    void readsAJdkClassWithEveryKindOfConstant() throws IOException {
        byte[] string;
        try (InputStream in = Object.class.getResourceAsStream("/java/lang/String.class")) {
            string = in.readAllBytes();
        }
        var header = ClassFileHeader.read(string, Set.of("Ljava/lang/Deprecated;", "no such string")).orElseThrow();

        assertThat(header.name()).isEqualTo("java.lang.String");
        assertThat(header.concrete()).isTrue();
        assertThat(header.found()).containsExactly("Ljava/lang/Deprecated;");
    }

    @Test
    void truncatedOrForeignBytesAreNotAClass() throws IOException {
        Set<String> wanted = Set.of(UnrunRubricClasses.RUBRIC_TEST_DESCRIPTOR);
        assertThat(ClassFileHeader.read(Files.readAllBytes(classes.resolve("com/example/Truncated.class")), wanted))
                .isEmpty();
        assertThat(ClassFileHeader.read("not a class file".getBytes(), wanted)).isEmpty();
        assertThat(ClassFileHeader.read(new byte[0], wanted)).isEmpty();
    }
}
