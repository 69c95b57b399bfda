package dev.rubric.hub;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What the Hub says about one file at one commit, from the headers of {@code HEAD /{id}/resolve/{commit}/{file}}.
 *
 * @param fileName the file's path in the repository
 * @param commit   X-Repo-Commit
 * @param etag     X-Linked-Etag for LFS files (their sha256), else ETag (the git blob sha1); quotes and W/ removed
 * @param size     X-Linked-Size for LFS files, else Content-Length; -1 when the Hub gave neither
 * @param location where the bytes are: the redirect target for LFS files (often another host), else the resolve URL
 */
record FileMetadata(String fileName, String commit, String etag, long size, URI location) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Whether the ETag is a sha256 (LFS files): the download is then checked against it. */
    boolean etagIsSha256() {
        return SHA256.matcher(etag).matches();
    }

    /** Whether the ETag is a git blob sha1 (40 hex digits), as the Hub gives for files not stored in LFS. */
    boolean etagIsGitSha1() {
        return etag.matches("[0-9a-f]{40}");
    }

    /** An ETag header value without its weak marker and quotes: {@code W/"abc"} gives {@code abc}. */
    static String normalizeEtag(String header) {
        if (header == null) {
            return null;
        }
        String e = header.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }
}
