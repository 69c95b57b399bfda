package com.example;

import dev.rubric.core.JudgeException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rubric-junit without rubric-local: no DJL on the test classpath, and the local judge names what to add. */
class ServerOnlyClasspathTest {

    @Test
    void noDjlIsOnTheTestClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.engine.Engine"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.sun.jna.Native"));
    }

    @Test
    void theLocalJudgeSaysWhichDependencyToAdd() {
        Map<String, String> local = Map.of("rubric.judge", "local", "rubric.cache", "off");
        JudgeConfig config = JudgeConfig.from(key -> Optional.ofNullable(local.get(key)), Map.of());

        JudgeException e = assertThrows(JudgeException.class, () -> Judges.create(config));

        assertEquals(JudgeException.Reason.MISCONFIGURED, e.reason());
        assertTrue(e.getMessage().contains("dev.rubric:rubric-local"), e.getMessage());
    }
}
