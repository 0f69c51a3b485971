package org.caseway.browser;

import org.caseway.support.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * End to end through the real Camunda Tasklist in headless Chromium: a case opened through the API
 * is screened by a case manager in the Tasklist, and the API then shows it in needs assessment.
 *
 * <p>Needs Debian's Chromium and chromedriver ({@code apt-get install -y chromium chromium-driver});
 * skipped without them. On failure a screenshot and the page source are saved under target/browser/.
 */
@SpringBootTest(classes = org.caseway.CasewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TasklistBrowserTest {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    private static final String USER = "mary";
    private static final String PASSWORD = "demo";
    private static final String GROUP_FILTER = "My groups' unassigned tasks";

    private static final String OPEN_CASE = """
            {"client":{"firstName":"Ana","lastName":"Lopez","dateOfBirth":"1980-05-01"},
             "caseType":"MENTAL_HEALTH","referralSource":"GP referral",
             "presentingNeeds":"Low mood, rent arrears","priority":"ROUTINE"}""";

    @LocalServerPort
    int port;

    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
    static void requireChromium() {
        HeadlessChromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start("1400,1000");
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
    void caseManagerScreensIntakeInTasklistAndCaseMovesToNeedsAssessment() throws Exception {
        // Given: a case opened through the API, waiting at intake screening
        JsonNode opened = openCase();
        String caseNumber = opened.path("caseNumber").asText();
        String intakeTaskId = openTaskId(caseDetails(caseNumber), "intake");

        // When: Mary screens it in the Tasklist
        driver.get(baseUrl() + "/camunda/app/tasklist/default/");
        login(USER, PASSWORD);
        openFilter(GROUP_FILTER);
        // her queue tells the cases apart: the task's card shows its case number and type (its priority too, once
        // the card is expanded)
        assertThat(cardText(intakeTaskId, caseNumber)).contains(caseNumber).contains("MENTAL_HEALTH");
        openTask(intakeTaskId, "Intake screening");
        claim();
        selectOption("intakeOutcome", "Eligible – accept the case");
        checkBox("consentToServices");
        typeInto("eligibilityNotes", "Meets the mental health service criteria.");
        complete(intakeTaskId);

        // Then: the case is in needs assessment and the intake task is gone
        JsonNode details = awaitCase(caseNumber, c -> "NEEDS_ASSESSMENT".equals(c.path("stage").asText()));
        assertThat(details.path("stage").asText()).isEqualTo("NEEDS_ASSESSMENT");
        assertThat(taskKeys(details)).contains("needsAssessment").doesNotContain("intake");
        assertThat(details.path("consent").path("toServices").asBoolean()).isTrue();
        assertThat(taskService.createTaskQuery().taskId(intakeTaskId).count()).isZero();
    }

    @Test
    void supervisorSeesACrisisInTheirQueueAtOnce() throws Exception {
        // Given: a case in intake, and a crisis reported on it through the API
        String caseNumber = openCase().path("caseNumber").asText();
        HttpResponse<String> crisis = send(request("/api/cases/" + caseNumber + "/crisis")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"description\": \"Threatened self-harm during a call\", \"severity\": \"IMMINENT\"}")));
        assertThat(crisis.statusCode()).as(crisis.body()).isEqualTo(201);
        String reviewTaskId = openTaskId(caseDetails(caseNumber), "crisisReview");

        // When: the supervisor opens the crises filter in Tasklist
        driver.get(baseUrl() + "/camunda/app/tasklist/default/");
        login("sam", PASSWORD);
        openFilter("Crises open now");

        // Then: the crisis review of that case is in the queue, with the crisis shown on its form
        openTask(reviewTaskId, "Crisis reported: supervisor review");
        WebElement form = driver.findElement(By.cssSelector("form.fjs-form"));
        wait.until(d -> form.getText().contains("Threatened self-harm during a call"));
        assertThat(form.getText()).contains("imminent");
        assertThat(driver.findElement(By.cssSelector("ol.tasks-list")).getText()).contains(caseNumber);
    }

    @Test
    void supervisorHandlesAMissedDeadlineFromTheMissedDeadlinesFilter() throws Exception {
        // Given: a case whose intake screening missed its deadline (its deadline timer runs now)
        String caseNumber = openCase().path("caseNumber").asText();
        String intakeTaskId = openTaskId(caseDetails(caseNumber), "intake");
        String executionId = taskService.createTaskQuery().taskId(intakeTaskId).singleResult().getExecutionId();
        org.camunda.bpm.engine.runtime.Job deadline = managementService.createJobQuery().executionId(executionId).list()
                .stream().filter(job -> jdbc.sql("SELECT HANDLER_CFG_ FROM ACT_RU_JOB WHERE ID_ = ?").param(job.getId())
                        .query(String.class).single().endsWith("taskListener~slaDeadline"))
                .findFirst().orElseThrow();
        managementService.executeJob(deadline.getId());
        String escalationId = taskService.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey("escalation").singleResult().getId();

        // When: a supervisor finds it under "Missed deadlines" and acknowledges it
        driver.get(baseUrl() + "/camunda/app/tasklist/default/");
        login("sam", PASSWORD);
        openFilter("Missed deadlines");
        openTask(escalationId, "Missed deadline: escalation");
        WebElement form = driver.findElement(By.cssSelector("form.fjs-form"));
        wait.until(d -> form.getText().contains("Intake screening"));
        assertThat(form.getText()).contains(caseNumber).contains("was due");
        claim();
        click(By.xpath("//label[contains(normalize-space(.), 'Acknowledge')]"));
        typeInto("escalationComments", "Intake team short-staffed this week.");
        complete(escalationId);

        // Then: the breach is recorded as acknowledged by sam, and the late task is still there to be worked
        assertThat(jdbc.sql("SELECT resolution || ' by ' || resolved_by FROM sla_breach WHERE task_id = ?")
                .param(intakeTaskId).query(String.class).single()).isEqualTo("ACKNOWLEDGED by sam");
        assertThat(taskService.createTaskQuery().taskId(intakeTaskId).count()).isOne();
    }

    @Test
    void anAdministratorsTasklistListsTheSharedFiltersAndTheirOwnOnly() {
        // Given: every case worker has their own "My tasks" and "My groups' unassigned tasks"
        // When: demo, an administrator and a supervisor, opens Tasklist
        driver.get(baseUrl() + "/camunda/app/tasklist/default/");
        login("demo", "demo");

        // Then: the filter list holds the shared filters and demo's own, each once, and demo's queue opens
        By names = By.cssSelector("div.task-filter h4.name a");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(names, 0));
        openFilter("My tasks");
        // (the open filter's name is followed by its count)
        assertThat(driver.findElements(names).stream().map(name -> name.getText().replaceAll("\\s+\\d+$", "").trim()))
                .containsExactlyInAnyOrder("Crises open now", "My tasks", "My groups' unassigned tasks", "Due today",
                        "Overdue", "Missed deadlines", "Awaiting my approval");
    }

    // --- Tasklist steps -------------------------------------------------------------------------

    private void login(String user, String password) {
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[ng-model='username']")));
        // the field has autofocus, which the browser applies a moment after the view shows: typing before
        // that sent the password into the user field ("samdemo") when the machine was busy
        wait.until(d -> username.equals(d.switchTo().activeElement()));
        username.sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    }

    /** Clicks a filter in the left-hand list and waits until it is the focused one. */
    private void openFilter(String name) {
        By filter = By.xpath("//div[contains(@class,'task-filter')]"
                + "[.//h4[contains(@class,'name')]/a[starts-with(normalize-space(.), " + xpathLiteral(name) + ")]]");
        wait.until(ExpectedConditions.elementToBeClickable(filter)).click();
        wait.until(ExpectedConditions.attributeContains(filter, "class", "active"));
    }

    /** The text of a task's card in the open filter's list, once it shows this text (or the wait ends). */
    private String cardText(String taskId, String expected) {
        By card = By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "[.//a[contains(@href, 'task=" + taskId + "')]]");
        // the list is drawn again as its data arrives: find the card afresh at every look
        var cardWait = new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        try {
            cardWait.until(d -> d.findElement(card).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertion that follows names what the card shows instead
        }
        return cardWait.until(d -> d.findElement(card).getText());
    }

    /** Opens the task by its id (the list links to #/?task=id), so other cases' tasks are never picked. */
    private void openTask(String taskId, String taskName) {
        By link = By.cssSelector("ol.tasks-list li.task a[href*='task=" + taskId + "']");
        WebElement task = wait.until(ExpectedConditions.elementToBeClickable(link));
        assertThat(task.getText().trim()).isEqualTo(taskName);
        task.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    }

    /** An unassigned task must be claimed before its form can be completed. */
    private void claim() {
        By claim = By.cssSelector("button.claim");
        wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
    }

    /** form-js selects are a custom dropdown: open the display box, then pick the item by its label. */
    private void selectOption(String key, String label) {
        By display = By.cssSelector("div[id$='Field_" + key + "-display']");
        click(display);
        By item = By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)=" + xpathLiteral(label) + "]");
        click(item);
        wait.until(ExpectedConditions.textToBe(display, label));
    }

    private void checkBox(String key) {
        if (!scrollIntoView(field(key)).isSelected()) {
            click(field(key));
        }
        wait.until(ExpectedConditions.elementToBeSelected(field(key)));
    }

    private void typeInto(String key, String text) {
        scrollIntoView(field(key)).sendKeys(text);
    }

    /** Completes the form and waits until the Tasklist has dropped the task from the list. */
    private void complete(String taskId) {
        click(By.xpath("//button[normalize-space(.)='Complete']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("ol.tasks-list li.task a[href*='task=" + taskId + "']")));
    }

    /**
     * Clicks an element scrolled to the middle of the viewport: Selenium's own scrolling puts it at the
     * bottom edge, where the Tasklist's fixed footer would receive the click.
     */
    private void click(By locator) {
        scrollIntoView(locator);
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private WebElement scrollIntoView(By locator) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    private static By field(String key) {
        return By.cssSelector("[id$='Field_" + key + "']");
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    // --- Caseway API ----------------------------------------------------------------------------

    private JsonNode openCase() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/api/cases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OPEN_CASE)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private JsonNode caseDetails(String caseNumber) {
        try {
            HttpResponse<String> response = send(request("/api/cases/" + caseNumber).GET());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the case until the condition holds; completion in the browser is async to the test. */
    private JsonNode awaitCase(String caseNumber, java.util.function.Predicate<JsonNode> condition) {
        return new FluentWait<>(caseNumber)
                .withTimeout(API_TIMEOUT)
                .pollingEvery(Duration.ofMillis(250))
                .withMessage(() -> "case " + caseNumber + " is now " + caseDetails(caseNumber))
                .until(number -> {
                    JsonNode details = caseDetails(number);
                    return condition.test(details) ? details : null;
                });
    }

    private static String openTaskId(JsonNode details, String taskKey) {
        return StreamSupport.stream(details.path("openTasks").spliterator(), false)
                .filter(task -> taskKey.equals(task.path("taskKey").asText()))
                .map(task -> task.path("id").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open task " + taskKey + " in " + details));
    }

    private static java.util.List<String> taskKeys(JsonNode details) {
        return StreamSupport.stream(details.path("openTasks").spliterator(), false)
                .map(task -> task.path("taskKey").asText())
                .toList();
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    // --- diagnostics ----------------------------------------------------------------------------

}
