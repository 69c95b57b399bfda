package com.example;

import dev.rubric.junit.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** A @SpringBootTest: the system under test is a bean, injected by Spring's extension; its check reaches the gate. */
@SpringBootTest
@Tag("quality")
class SupportBotSpringTest {

    /** The application's configuration, as a test slice of a Spring Boot application would have it. */
    @SpringBootConfiguration
    static class Shop {
        @Bean
        SupportBot supportBot() {
            return new SupportBot();
        }
    }

    @Autowired
    SupportBot bot;

    @Test
    void theInjectedBotExplainsRefunds() {
        String q = "Can I get a refund for a damaged item?";
        assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4);
    }
}
