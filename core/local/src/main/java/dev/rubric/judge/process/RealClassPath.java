package dev.rubric.judge.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars and folders a JVM's classes really come from, for starting another JVM with them. Under Surefire (and IDEs
 * that shorten long command lines) {@code java.class.path} is one manifest-only jar whose {@code Class-Path} names the
 * real entries, and that jar is deleted when the test JVM ends: a judge process that outlives the test JVM must be
 * given the entries themselves.
 */
final class RealClassPath {

    private RealClassPath() {
    }

    /** {@code classPath} (as {@code java.class.path} spells it) with every manifest-only jar replaced by its entries. */
    static List<Path> of(String classPath) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String part : classPath.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                add(Path.of(part).toAbsolutePath().normalize(), entries, 0);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries, int depth) {
        if (!Files.exists(entry) || entries.contains(entry)) {
            return; // the JVM skips missing entries too
        }
        if (!Files.isRegularFile(entry) || !entry.getFileName().toString().endsWith(".jar") || depth > 8) {
            entries.add(entry);
            return;
        }
        List<Path> referenced = new ArrayList<>();
        boolean manifestOnly;
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            manifestOnly = classPath != null && jar.stream().noneMatch(e -> !e.isDirectory()
                    && !e.getName().toUpperCase(java.util.Locale.ROOT).startsWith("META-INF/"));
            if (classPath != null) {
                for (String item : classPath.trim().split("\\s+")) {
                    resolve(entry, item).ifPresent(referenced::add);
                }
            }
        } catch (IOException e) {
            entries.add(entry); // not a jar we can read: keep it as the JVM was given it
            return;
        }
        if (!manifestOnly) {
            entries.add(entry); // a library: the new JVM follows its own Class-Path like this one did
            return;
        }
        for (Path p : referenced) {
            add(p, entries, depth + 1);
        }
    }

    /** A Class-Path item: a URL, absolute or relative to the jar's folder (the jar specification), or a raw path. */
    private static Optional<Path> resolve(Path jar, String item) {
        try {
            URI uri = new URI(item);
            URI absolute = uri.isAbsolute() ? uri : jar.getParent().toUri().resolve(uri);
            return Optional.of(Path.of(absolute).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            try { // some tools write raw paths, spaces unencoded
                return Optional.of(jar.getParent().resolve(item).toAbsolutePath().normalize());
            } catch (InvalidPathException unusable) {
                return Optional.empty();
            }
        }
    }
}
