package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The browser opens the server's address and lands on the console's list of namespaces. */
@WithServer
class ConsoleHomeTest {

    @Test
    void theServersAddressLeadsToTheNamespaces(RunningServer server) {
        try (Browser b = Browser.open()) {
            b.driver().get("http://127.0.0.1:" + server.port() + "/");
            assertTrue(b.driver().getCurrentUrl().endsWith("/console/"), b.driver().getCurrentUrl());
            List<String> names = b.driver().findElements(By.cssSelector("#namespaces a")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(names.contains("root/virtualization/v2"), names.toString());
            assertEquals("Namespaces – Cimkit", b.driver().getTitle());
        }
    }
}
