package org.caseway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, for the browser tests: the driver path set explicitly (no driver
 * downloads), a fresh profile per browser, and the page saved under target/browser/ when a test fails.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profileDir;
    private final WebDriver driver;

    private HeadlessChromium(Path profileDir, WebDriver driver) {
        this.profileDir = profileDir;
        this.driver = driver;
    }

    /** Skips the test without Chromium; in CI (.ci/run sets CASEWAY_REQUIRE_BROWSER) a missing browser fails. */
    public static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "Chromium not found: apt-get install -y chromium chromium-driver (needs "
                + CHROMIUM + " and " + CHROMEDRIVER + ")";
        if ("true".equals(System.getenv("CASEWAY_REQUIRE_BROWSER"))) {
            assertThat(installed).as(message).isTrue();
        }
        Assumptions.assumeTrue(installed, message);
    }

    /** @param windowSize e.g. "1400,1000" */
    public static HeadlessChromium start(String windowSize) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profileDir = Files.createTempDirectory("caseway-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + windowSize, "--user-data-dir=" + profileDir);
        return new HeadlessChromium(profileDir, new ChromeDriver(options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** A screenshot and the page source under target/browser/, for a failed test. */
    public void saveState(String name) {
        try {
            Path dir = Path.of("target", "browser");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
            System.err.println("Browser state saved to " + dir.toAbsolutePath().resolve(name) + ".{png,html}"
                    + " (URL " + driver.getCurrentUrl() + ")");
        } catch (Exception e) {
            System.err.println("Could not save the browser state: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        FileSystemUtils.deleteRecursively(profileDir);
    }
}
