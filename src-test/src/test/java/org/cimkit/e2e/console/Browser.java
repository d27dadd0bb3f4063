package org.cimkit.e2e.console;

import java.io.File;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the console tests: Debian's headless Chromium driven through its chromium-driver,
 * both found on the PATH (Selenium is never asked to download anything). Where either is missing the
 * test is skipped, counted, with one reason for all of them.
 */
public final class Browser implements AutoCloseable {
    /** The one reason every browser test gives for skipping, so the run reports them on one line. */
    public static final String MISSING =
            "headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)";

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser (no cookies, no cache); skips the current test where Chromium is not installed. */
    public static Browser open() {
        Optional<File> chromium = onPath("chromium").or(() -> onPath("chromium-browser"));
        Optional<File> driverBinary = onPath("chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driverBinary.isPresent(), MISSING);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1024", "--no-first-run", "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.get())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(d);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to {@code seconds} for a condition the page must reach (e.g. a progress bar at 100 %). */
    public WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<File> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
