package dev.rubric.junit.engine;

import dev.rubric.core.AbsoluteGrading;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A framework that loads the test classes, and Rubric with them, in a class loader of its own (Quarkus does) runs
 * checks in a second copy of Rubric's classes: there, they must fail and say how to load Rubric once, instead of
 * building a second judge and recording nothing.
 */
class ReloadedClassesTest {

    /** Loads Rubric's classes itself before asking its parent: a second copy, as Quarkus' class loader makes. */
    private static final class RubricFirstLoader extends URLClassLoader {
        RubricFirstLoader(URL... urls) {
            super("reloading-framework", urls, ReloadedClassesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("dev.rubric.")) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        // not one of Rubric's main classes: the parent has it
                    }
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    @Test
    void aCheckInASecondCopyOfRubricFailsAndSaysHowToLoadRubricOnce() throws Exception {
        URL engine = GradingScope.class.getProtectionDomain().getCodeSource().getLocation();
        URL core = AbsoluteGrading.class.getProtectionDomain().getCodeSource().getLocation();
        try (GradingScope.Binding run = GradingScope.testsRunning();
             RubricFirstLoader loader = new RubricFirstLoader(engine, core)) {
            Class<?> copy = loader.loadClass(GradingScope.class.getName());
            assertThat(copy).isNotSameAs(GradingScope.class);

            Throwable thrown = catchThrowable(() -> copy.getMethod("current").invoke(null));

            assertThat(thrown).isInstanceOf(InvocationTargetException.class).cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a second copy of Rubric's classes, loaded by")
                    .hasMessageContaining("reloading-framework")
                    .hasMessageContaining("quarkus.class-loading.parent-first-artifacts=dev.rubric:rubric-junit,"
                            + "dev.rubric:rubric-core,dev.rubric:rubric-local");
        }
    }

    @Test
    void aRunInProgressIsMarkedForOtherCopiesUntilItEnds() {
        long before = markers();
        GradingScope.Binding run = GradingScope.testsRunning();
        assertThat(markers()).isEqualTo(before + 1);
        run.close();
        run.close();
        assertThat(markers()).isEqualTo(before);
    }

    private static long markers() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(GradingScope.RUN_MARKER)).count();
    }
}
