package dev.rubric.judge.local;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.JudgeException;
import dev.rubric.hub.HubException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.lm.CheckpointException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The local judge's border: the downloader's and the model's failures become the judge's reason (a model that failed
 * to load, so tests abort with the message), with what only the judge knows added: which setting named the model,
 * and what the default is.
 */
final class LoadFailures {

    private LoadFailures() {
    }

    /** {@code e}, met while finding the weights that {@code rubric.judge.model = spec} names. */
    static JudgeException of(HubException e, String spec) {
        String text = spec == null ? "" : spec.strip();
        boolean hubCouldNotGiveIt = e.problem() == HubException.Problem.OFFLINE
                || e.problem() == HubException.Problem.NOT_FOUND || e.problem() == HubException.Problem.UNAUTHORIZED;
        if (!hubCouldNotGiveIt || isDefault(text)) {
            return new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, e.getMessage(), e);
        }
        String message = e.getMessage();
        if (e.problem() != HubException.Problem.UNAUTHORIZED) {
            message += " (" + ConfigKeys.MODEL + " names '" + repoId(text) + "'; the default judge is "
                    + JudgeConfig.DEFAULT_MODEL + ": check the id.)";
        }
        return new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, message + asFolderToo(text), e);
    }

    /** {@code e}, met while loading the weights or starting the engine. */
    static JudgeException of(CheckpointException e) {
        return new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, e.getMessage(), e);
    }

    /**
     * A word for a user who meant {@code text} as a folder: a relative path that does not exist reads as a Hub id
     * ({@code models/prometheus}), and relative paths resolve against the test JVM's working directory, not the
     * shell's. Empty for absolute paths and {@code ~/...}.
     */
    private static String asFolderToo(String text) {
        Path asPath;
        try {
            asPath = Path.of(text);
        } catch (InvalidPathException notAPath) {
            return "";
        }
        if (text.startsWith("~") || asPath.isAbsolute()) {
            return "";
        }
        return " If '" + text + "' is meant as a folder: there is none at " + asPath.toAbsolutePath().normalize()
                + " (a relative path is resolved against the test JVM's working directory, "
                + Path.of("").toAbsolutePath() + "): give an absolute path.";
    }

    private static boolean isDefault(String text) {
        return repoId(text).equals(JudgeConfig.DEFAULT_MODEL);
    }

    private static String repoId(String text) {
        int at = text.indexOf('@');
        return at < 0 ? text : text.substring(0, at);
    }
}
