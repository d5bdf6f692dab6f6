package io.storefront.gateway.graphql;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.storefront.gateway.GatewayHttpTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real browser (headless Chromium): it loads from the jar without any CDN, offers the example
 * operations as tabs, signs in as a demo user, and runs operations with that user's token. A screenshot is kept
 * per test at {@code target/graphiql-<test>.png}. Needs Debian's chromium and chromium-driver, which {@code .ci/run} installs;
 * elsewhere without them the test is skipped, in CI it fails.
 */
@GatewayHttpTest
@ActiveProfiles("dev")
class GraphiqlBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
					"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1400,900",
					"--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void closeBrowser(TestInfo test) throws Exception {
		if (this.browser != null) {
			File screenshot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
			Files.createDirectories(Path.of("target"));
			String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("graphiql");
			Files.copy(screenshot.toPath(), Path.of("target/graphiql-" + name + ".png"),
					StandardCopyOption.REPLACE_EXISTING);
			this.browser.quit();
		}
	}

	@Test
	void graphiqlRunsTheExamplesAsASignedInDemoUser() {
		this.browser.get("http://localhost:" + this.port + "/graphiql");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".graphiql-container")));

		assertThat(this.browser.findElements(By.cssSelector(".graphiql-tab"))).hasSizeGreaterThanOrEqualTo(20);
		assertThat(this.browser.findElement(By.cssSelector(".graphiql-tabs")).getText()).contains("welcome", "checkout",
				"productPage", "supportOrderLookup");

		run();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-response"),
				"Espresso Beans"));

		new Select(this.browser.findElement(By.id("demo-account"))).selectByVisibleText("Ada Admin — CUSTOMER, ADMIN");
		this.browser.findElement(By.id("sign-in")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller"), "Signed in as Ada Admin"));
		((JavascriptExecutor) this.browser).executeScript(
				"document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])",
				"query whoAmI { me { email roles } }");
		// GraphiQL names the tab after the operation once it has taken the edit in
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-tabs"), "whoAmI"));
		run();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-response"),
				"admin@storefront.example"));
		assertThat(this.browser.findElement(By.cssSelector(".graphiql-response")).getText()).contains("ADMIN")
			.doesNotContain("errors");
	}

	@Test
	void theDocsExplorerShowsTheSchema() {
		this.browser.get("http://localhost:" + this.port + "/graphiql");
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[aria-label='Show Documentation Explorer']")))
			.click();

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-doc-explorer"),
				"Query"));
	}

	private void run() {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".graphiql-execute-button"))).click();
	}

}
