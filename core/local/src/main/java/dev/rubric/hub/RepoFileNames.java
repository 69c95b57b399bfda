package dev.rubric.hub;

import java.nio.file.Path;
import java.util.Arrays;

/** Names of files inside a model repository, as the Hub or an index file give them: untrusted, checked before use. */
final class RepoFileNames {

    private RepoFileNames() {
    }

    /** Whether {@code name} is a relative path that stays inside the folder it is resolved against. */
    static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > 1000 || name.startsWith("/") || name.contains("\\")
                || name.contains("//") || name.endsWith("/") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || name.indexOf(':') >= 0) {
            return false;
        }
        return Arrays.stream(name.split("/")).noneMatch(part -> part.equals("..") || part.equals("."));
    }

    /** {@code base/name}, refusing a name that would leave {@code base}. */
    static Path resolveInside(Path base, String name, String source) {
        Path resolved = base.resolve(name).normalize();
        if (!isSafe(name) || !resolved.startsWith(base.normalize())) {
            throw new HubException(HubException.Problem.HUB_ERROR, source + " names the file '" + name
                    + "', which would leave the folder " + base + "; refusing to use it. "
                    + "The repository or the server at HF_ENDPOINT is not trustworthy.");
        }
        return resolved;
    }
}
