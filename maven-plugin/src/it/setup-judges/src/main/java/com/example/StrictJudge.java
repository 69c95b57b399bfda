package com.example;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;

/**
 * The "upgraded" judge of the re-judging ITs: stricter than {@link KeywordJudge}. A refund answer scores 5 only when
 * it states the 30-day window, else 3; any other answer 2.
 */
public class StrictJudge extends KeywordJudge {

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("keyword", "strict-keyword-judge", "2", "it", DecodingSettings.GREEDY);
    }

    @Override
    protected int score(String response) {
        String r = response.toLowerCase();
        return r.contains("refund") ? (r.contains("30 days") ? 5 : 3) : 2;
    }
}
