package dev.rubric.hub;

import java.util.regex.Pattern;

/**
 * A model on the Hub: {@code org/name} and a revision (a branch, a tag, or a 40-hex commit; {@code main} when the
 * spec has no {@code @revision}).
 */
record HubModelId(String repoId, String revision) {

    public static final String DEFAULT_REVISION = "main";
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubModelId {
        checkRepoId(repoId);
        checkRevision(revision, repoId);
    }

    /** {@code org/name} or {@code org/name@revision}. */
    public static HubModelId parse(String spec) {
        int at = spec.indexOf('@');
        if (at < 0) {
            return new HubModelId(spec, DEFAULT_REVISION);
        }
        return new HubModelId(spec.substring(0, at), spec.substring(at + 1));
    }

    /** Whether the text has the form of a Hub id ({@code org/name}, optionally {@code @revision}). */
    static boolean looksLikeHubId(String spec) {
        String id = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
        String[] parts = id.split("/", -1);
        return parts.length == 2 && NAME_PART.matcher(parts[0]).matches() && NAME_PART.matcher(parts[1]).matches();
    }

    public static boolean isCommitHash(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** The folder in the cache: {@code models--org--name}, as huggingface_hub names it. */
    public String cacheFolderName() {
        return "models--" + repoId.replace("/", "--");
    }

    @Override
    public String toString() {
        return repoId + "@" + revision;
    }

    private static void checkRepoId(String repoId) {
        String[] parts = repoId == null ? new String[0] : repoId.split("/", -1);
        boolean ok = parts.length == 2;
        for (String part : parts) {
            ok &= NAME_PART.matcher(part).matches() && !part.contains("--") && !part.contains("..")
                    && !part.endsWith(".") && !part.endsWith("-");
        }
        if (!ok) {
            throw new HubException(HubException.Problem.BAD_SPEC, "'" + repoId + "' is not a Hugging Face model id: "
                    + "expected org/name (letters, digits, '.', '_', '-'), e.g. prometheus-eval/prometheus-7b-v2.0, "
                    + "optionally followed by @revision");
        }
    }

    private static void checkRevision(String revision, String repoId) {
        if (revision == null || revision.isEmpty() || revision.length() > 255 || revision.startsWith("/")
                || revision.endsWith("/") || revision.contains("//") || revision.contains("\\")
                || revision.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || java.util.Arrays.asList(revision.split("/")).contains("..")
                || java.util.Arrays.asList(revision.split("/")).contains(".")) {
            throw new HubException(HubException.Problem.BAD_SPEC, "'" + revision + "' is not a usable revision of "
                    + repoId + ": give a branch, a tag or a commit hash after '@', e.g. " + repoId + "@main");
        }
    }
}
