package com.example.shop;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Spring Boot's usual Jupiter test, in the same run. */
@SpringBootTest
class ShopApplicationTests {

    @Autowired
    SupportAssistant assistant;

    @Test
    void contextLoads() {
        assertNotNull(assistant);
    }
}
