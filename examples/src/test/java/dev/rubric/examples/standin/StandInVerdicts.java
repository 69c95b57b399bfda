package dev.rubric.examples.standin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stand-in's scripted verdicts: plain, visible rules over the prompt's parts, so CI can prove the whole chain
 * (engine, judge client, results, gate, report) on every build without a model. They judge nothing; they only make
 * good and bad answers of the examples distinguishable in a predictable way.
 * <ul>
 *   <li>a bare one-liner (a response under 80 characters, such as "Please contact support.") scores 2;</li>
 *   <li>with a reference answer: 5 when the response contains at least 60% of the reference's content words,
 *       4 from 30%, else 3;</li>
 *   <li>without one: 4 for a response of 120 characters or more, else 3;</li>
 *   <li>pairwise: the response with the higher scripted score wins, the longer one on a tie: the same in both
 *       orders, so the stand-in has no position bias.</li>
 * </ul>
 */
final class StandInVerdicts {

    private static final Set<String> STOP_WORDS = Set.of("that", "this", "with", "your", "from", "have", "will",
            "then", "once", "when", "into", "under", "after", "every", "them", "they", "there", "their", "which");

    private StandInVerdicts() {
    }

    static int score(String response, String reference) {
        String r = response.strip();
        if (r.length() < 80) {
            return 2;
        }
        if (reference != null) {
            Set<String> wanted = contentWords(reference);
            Set<String> have = contentWords(r);
            long found = wanted.stream().filter(have::contains).count();
            double share = wanted.isEmpty() ? 1 : (double) found / wanted.size();
            return share >= 0.6 ? 5 : share >= 0.3 ? 4 : 3;
        }
        return r.length() >= 120 ? 4 : 3;
    }

    static String winner(String responseA, String responseB, String reference) {
        int a = score(responseA, reference);
        int b = score(responseB, reference);
        if (a != b) {
            return a > b ? "A" : "B";
        }
        return responseA.strip().length() >= responseB.strip().length() ? "A" : "B";
    }

    private static Set<String> contentWords(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() > 3 && !STOP_WORDS.contains(w))
                .collect(Collectors.toSet());
    }
}
