package dev.rubric.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a model repository the judge downloads: the configuration and tokenizer files and the safetensors
 * weights, in the repository's top folder. Never pickle weights (*.bin, *.pt, *.pth), never the consolidated*.safetensors
 * copies that Mistral-style repositories keep beside the sharded model-*.safetensors, and with an index only the shards
 * it names.
 */
final class HubFileSelection {

    private static final List<String> REQUIRED = List.of(CheckpointDirectory.CONFIG, CheckpointDirectory.TOKENIZER);
    private static final List<String> OPTIONAL = List.of("tokenizer_config.json", "generation_config.json");

    private final HubModelId model;
    private final Set<String> siblings;

    HubFileSelection(HubModelId model, List<String> siblingNames) {
        this.model = model;
        for (String name : siblingNames) {
            if (!RepoFileNames.isSafe(name)) {
                throw new HubException(HubException.Problem.HUB_ERROR, "The file list of " + model + " names the file '"
                        + name + "', which would leave the model folder; refusing to download from this Hub. "
                        + "Check HF_ENDPOINT.");
            }
        }
        this.siblings = new TreeSet<>(siblingNames);
    }

    /** The small files to fetch first: configuration, tokenizer, and the shard index when there is one. */
    List<String> metadataFiles() {
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!siblings.contains(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new HubException(HubException.Problem.INCOMPLETE_CHECKPOINT, model + " has no "
                    + String.join(" and no ", missing) + " in its top folder, which the judge needs (it reads the fast "
                    + "tokenizer file tokenizer.json); choose a Mistral-, Mixtral- or Qwen2-architecture model that has them.");
        }
        requireSafetensors();
        List<String> files = new ArrayList<>(REQUIRED);
        OPTIONAL.stream().filter(siblings::contains).forEach(files::add);
        if (hasIndex()) {
            files.add(CheckpointDirectory.INDEX);
        }
        return files;
    }

    boolean hasIndex() {
        return siblings.contains(CheckpointDirectory.INDEX);
    }

    /** The weight files: the index's shards when {@code indexShards} is given, else the top-level safetensors. */
    List<String> weightFiles(List<String> indexShards) {
        if (indexShards != null) {
            List<String> notSafetensors = indexShards.stream()
                    .filter(sh -> !sh.toLowerCase(Locale.ROOT).endsWith(".safetensors")).toList();
            if (!notSafetensors.isEmpty()) {
                throw new HubException(HubException.Problem.INCOMPLETE_CHECKPOINT, CheckpointDirectory.INDEX + " of "
                        + model + " names weight files that are not safetensors: " + String.join(", ", notSafetensors)
                        + ". Rubric never downloads or loads pickle weights (unpickling a file can run arbitrary"
                        + " code), whatever an index names; choose a revision whose index names *.safetensors shards,"
                        + " or another model");
            }
            List<String> absent = indexShards.stream().filter(s -> !siblings.contains(s)).toList();
            if (!absent.isEmpty()) {
                throw new HubException(HubException.Problem.INCOMPLETE_CHECKPOINT, CheckpointDirectory.INDEX + " of "
                        + model + " names shards the repository does not have: " + String.join(", ", absent)
                        + "; the repository is incomplete at this revision: choose another revision (@commit) or"
                        + " another model");
            }
            return List.copyOf(indexShards);
        }
        List<String> all = topLevel(".safetensors");
        if (all.contains("model.safetensors")) {
            return List.of("model.safetensors");
        }
        List<String> notConsolidated = all.stream().filter(n -> !n.startsWith("consolidated")).toList();
        return notConsolidated.isEmpty() ? all : notConsolidated;
    }

    private void requireSafetensors() {
        if (!topLevel(".safetensors").isEmpty()) {
            return;
        }
        List<String> pickles = new ArrayList<>();
        for (String ext : List.of(".bin", ".pt", ".pth")) {
            pickles.addAll(topLevel(ext));
        }
        String why = pickles.isEmpty() ? "has no *.safetensors weights"
                : "has only pickle weights (" + String.join(", ", pickles) + "), which Rubric never downloads or loads "
                + "because unpickling a file can run arbitrary code. Look for a revision with *.safetensors files "
                + "(the Hub's SFconvertbot often opens one as refs/pr/N: use " + model.repoId() + "@refs/pr/N), or "
                + "convert them yourself with transformers (from_pretrained(...).save_pretrained(dir, "
                + "safe_serialization=True)) and point rubric.judge.model at that directory";
        throw new HubException(HubException.Problem.INCOMPLETE_CHECKPOINT, model + " " + why + ".");
    }

    private List<String> topLevel(String suffix) {
        return siblings.stream()
                .filter(n -> n.indexOf('/') < 0 && n.toLowerCase(Locale.ROOT).endsWith(suffix))
                .toList();
    }
}
