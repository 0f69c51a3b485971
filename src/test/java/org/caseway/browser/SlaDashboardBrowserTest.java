package org.caseway.browser;

import org.caseway.support.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.caseway.api.RestClient;
import org.caseway.sla.SlaScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The supervisors' SLA dashboard (/sla/) in headless Chromium, on the known picture of {@link SlaScenario}:
 * a supervisor logs in and sees his team's figures; a wrong password and a case manager see none.
 *
 * <p>Needs Debian's Chromium and chromedriver ({@code apt-get install -y chromium chromium-driver});
 * skipped without them unless CASEWAY_REQUIRE_BROWSER=true. On failure a screenshot and the page source
 * are saved under target/browser/.
 */
@SpringBootTest(classes = org.caseway.CasewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaDashboardBrowserTest {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService taskService;

    private SlaScenario scenario;
    private HeadlessChromium browser;
    private WebDriver driver;
    private WebDriverWait wait;

    /** Runs before @AfterEach, while the browser is still open. */
    @RegisterExtension
    final AfterTestExecutionCallback saveBrowserStateOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.saveState(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    void requireChromiumAndCreateTheScenario() {
        HeadlessChromium.requireInstalled();
        scenario = new SlaScenario(new RestClient(rest), jdbc, taskService).create();
    }

    @AfterAll
    void removeTheScenario() {
        if (scenario != null) {
            scenario.remove();
        }
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start("1400,1800");
        driver = browser.driver();
        wait = new WebDriverWait(driver, UI_TIMEOUT);
    }

    @AfterEach
    void quitBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void supervisorLogsInAndSeesHisTeamsFigures() {
        driver.get(baseUrl() + "/sla/");
        assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).as("no figures before the login").isFalse();

        logIn("sam", "demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        awaitLoaded();

        assertThat(text("count-overdue")).isEqualTo("2");
        assertThat(text("count-at-risk")).isEqualTo("2");
        assertThat(text("count-on-time")).isEqualTo("4");
        assertThat(text("breaches-7")).isEqualTo("2");
        assertThat(text("breaches-30")).isEqualTo("3");
        assertThat(driver.findElements(By.cssSelector("#team option")).stream().map(WebElement::getText).toList())
                .containsExactly("All my teams", SlaScenario.MENTAL_HEALTH);

        List<WebElement> forecast = driver.findElements(By.cssSelector("#forecast-table tbody tr"));
        assertThat(forecast.stream().map(row -> row.findElement(By.cssSelector(".assignee")).getText()).toList())
                .containsExactly("mary", "liam", "unassigned");
        assertThat(forecast.get(0).findElement(By.cssSelector(".forecast-count")).getText()).isEqualTo("2");
        assertThat(forecast.get(0).getText()).contains(scenario.mh1 + " · servicePlan · due in 5 h 0 min (at risk)");

        List<WebElement> breaches = driver.findElements(By.cssSelector("#breaches-table tbody tr"));
        assertThat(breaches.stream().map(row -> row.findElement(By.cssSelector(".case-number")).getText()).toList())
                .containsExactly(scenario.mh2, scenario.mh2, scenario.mh1);
        assertThat(breaches.get(1).getText()).contains("3 d 0 h and counting");

        WebElement assessment = driver.findElement(By.cssSelector("#ttc-table tr[data-task-key='needsAssessment']"));
        assertThat(assessment.findElement(By.cssSelector(".completed")).getText()).isEqualTo("10");
        assertThat(assessment.findElement(By.cssSelector(".median")).getText()).isEqualTo("5 h 30 min");
        assertThat(assessment.findElement(By.cssSelector(".p90")).getText()).isEqualTo("9 h 6 min");

        // the charts are drawn by Chart.js from the WebJar
        assertThat((Boolean) js("return typeof Chart === 'function' && !!Chart.getChart('state-chart')"
                + " && !!Chart.getChart('ttc-chart');")).isTrue();
        assertThat(js("return Chart.getChart('state-chart').data.datasets[0].data.join(',');")).isEqualTo("4,2,2");
        // the login stays in the page's memory only, and no client data reaches the page
        assertThat(js("return localStorage.length + sessionStorage.length + document.cookie.length;"))
                .isEqualTo(0L);
        assertThat(driver.getPageSource()).doesNotContain("Lopez");

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(text("count-overdue")).isEqualTo("–");
    }

    @Test
    void wrongPasswordShowsAnErrorAndNoFigures() {
        driver.get(baseUrl() + "/sla/");

        // hana: her failed login delays only her own next logins (the engine's brute-force protection)
        logIn("hana", "not-her-password");

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).contains("Wrong user name or password");
        assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("login-form")).isDisplayed()).isTrue();
        assertThat(text("count-overdue")).isEqualTo("–");
        assertThat(driver.findElements(By.cssSelector("#breaches-table tbody tr"))).isEmpty();
    }

    @Test
    void caseManagerIsToldTheDashboardIsNotForHerRole() {
        driver.get(baseUrl() + "/sla/");

        logIn("mary", "demo");

        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).contains("not allowed to see SLA figures");
        assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(text("count-overdue")).isEqualTo("–");
    }

    private void logIn(String user, String password) {
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        username.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
    }

    /** The page marks the body while it loads; the figures are final when it is done. */
    private void awaitLoaded() {
        wait.until(d -> "false".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loading")));
    }

    /** The element's text, also while it is hidden (Selenium's getText() is empty then). */
    private String text(String id) {
        return driver.findElement(By.id(id)).getDomProperty("textContent").strip();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

}
