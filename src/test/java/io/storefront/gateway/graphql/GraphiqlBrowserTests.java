package io.storefront.gateway.graphql;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayHttpTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real browser (headless Chromium): it loads from the jar without any CDN, offers the example
 * operations as tabs, views the gateway as each kind of demo caller (signing in as that demo account), and runs
 * operations with that caller's token, listing what the rules denied. A screenshot is kept
 * per test at {@code target/graphiql-<test>.png}. Needs Debian's chromium and chromium-driver, which {@code .ci/run} installs;
 * elsewhere without them the test is skipped, in CI it fails.
 */
@GatewayHttpTest
@ActiveProfiles("dev")
class GraphiqlBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final String ESPRESSO = "695b7d900000000000000001";

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
		open();

		assertThat(this.browser.findElements(By.cssSelector(".graphiql-tab"))).hasSizeGreaterThanOrEqualTo(20);
		assertThat(this.browser.findElement(By.cssSelector(".graphiql-tabs")).getText()).contains("viewAs", "welcome",
				"checkout", "productPage", "supportOrderLookup");

		run();
		this.wait.until((browser) -> answer().contains("Espresso Beans"));

		viewAs("ADMIN — Ada Admin", "Signed in as Ada Admin");
		((JavascriptExecutor) this.browser).executeScript(
				"document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])",
				"query whoAmI { me { email roles } }");
		// GraphiQL names the tab after the operation once it has taken the edit in
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-tabs"), "whoAmI"));
		run();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-response"),
				"admin@storefront.example"));
		assertThat(answer()).contains("ADMIN")
			.doesNotContain("errors");
	}

	/**
	 * The view-as example (a product's stock and cost, and the demo order of Carol with its staff note) run as each
	 * kind of caller: the list under the bar names exactly the fields the rules deny that caller, with code and
	 * rule, as the gateway answered them, and the answer itself holds their nulls.
	 */
	@Test
	void viewAsShowsWhatEachKindOfCallerIsDenied() {
		open();
		String stock = "@hasRole(roles: [SUPPORT, ADMIN])";
		String cost = "@hasRole(roles: [ADMIN])";
		String order = "@ownerOrRole(roles: [SUPPORT, ADMIN])";

		assertThat(runViewAs("Denied for Anonymous")).containsExactlyInAnyOrder(
				"product.stock UNAUTHENTICATED by " + stock, "product.cost UNAUTHENTICATED by " + cost,
				"order UNAUTHENTICATED by " + order);
		assertThat(answer()).contains("\"stock\": null",
				"\"order\": null");

		viewAs("CUSTOMER, owner of the demo order — Carol Customer", "Signed in as Carol Customer");
		assertThat(runViewAs("Denied for Carol Customer")).containsExactlyInAnyOrder(
				"product.stock FORBIDDEN by " + stock, "product.cost FORBIDDEN by " + cost,
				"order.internalNote FORBIDDEN by " + stock);
		assertThat(answer())
			.contains("carol@storefront.example", "\"internalNote\": null");

		viewAs("CUSTOMER, not the owner — Dave Customer", "Signed in as Dave Customer");
		assertThat(runViewAs("Denied for Dave Customer")).containsExactlyInAnyOrder(
				"product.stock FORBIDDEN by " + stock, "product.cost FORBIDDEN by " + cost,
				"order FORBIDDEN by " + order);

		viewAs("SUPPORT — Sam Support", "Signed in as Sam Support");
		assertThat(runViewAs("Denied for Sam Support")).containsExactly("product.cost FORBIDDEN by " + cost);
		assertThat(answer())
			.contains("Gift wrap, please (staff only)");

		viewAs("ADMIN — Ada Admin", "Signed in as Ada Admin");
		assertThat(runViewAs("Nothing denied for Ada Admin")).isEmpty();

		viewAs("Anonymous", "Anonymous");
		assertThat(runViewAs("Denied for Anonymous")).hasSize(3);
	}

	/** A subscription run in GraphiQL streams its events into the answer, over Server-Sent Events. */
	@Test
	void graphiqlRunsASubscription() {
		open();
		((JavascriptExecutor) this.browser).executeScript(
				"document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])",
				"subscription espressoAvailability { productAvailabilityChanged(productIds: [\"" + ESPRESSO
						+ "\"]) { name inStock } }");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-tabs"),
				"espressoAvailability"));
		run();
		HttpGraphQlTester admin = DemoUsers.ADMIN.graphQl(this.port);
		int stock = admin.document("{ product(id: \"" + ESPRESSO + "\") { stock } }").execute().path("product.stock")
			.entity(Integer.class).get();
		try {
			// sold out, until the first event is in
			this.wait.until((browser) -> {
				admin.document("mutation { adjustStock(productId: \"" + ESPRESSO + "\", delta: -" + stock
						+ ") { stock } }").execute();
				return answer().contains("\"inStock\": false");
			});
		}
		finally {
			int now = admin.document("{ product(id: \"" + ESPRESSO + "\") { stock } }").execute().path("product.stock")
				.entity(Integer.class).get();
			admin.document("mutation { adjustStock(productId: \"" + ESPRESSO + "\", delta: " + (stock - now)
					+ ") { stock } }").executeAndVerify();
		}
		assertThat(answer()).contains("Espresso Beans");
	}

	private void open() {
		this.browser.get("http://localhost:" + this.port + "/graphiql");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".graphiql-container")));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-as")));
	}

	private void viewAs(String choice, String caller) {
		new Select(this.browser.findElement(By.id("view-as"))).selectByVisibleText(choice);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller"), caller));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("denials"), "Viewing as"));
	}

	/** Runs the view-as tab (the first, open from the start) and returns the denials listed under the bar once the answer is in. */
	private List<String> runViewAs(String heading) {
		run();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("denials"), heading));
		return this.browser.findElements(By.cssSelector("#denials li")).stream().map(WebElement::getText).toList();
	}

	@Test
	void theDocsExplorerShowsTheSchema() {
		open();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[aria-label='Show Documentation Explorer']")))
			.click();

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".graphiql-doc-explorer"),
				"Query"));
	}

	private void run() {
		// GraphiQL renders the button anew as tabs and editors change, so find it again until a click lands
		this.wait.ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".graphiql-execute-button")))
			.click();
	}

	/** The whole answer in the response pane, which shows only the lines in view. */
	private String answer() {
		return String.valueOf(((JavascriptExecutor) this.browser).executeScript(
				"const pane = document.querySelector('.graphiql-response .CodeMirror'); return pane ? pane.CodeMirror.getValue() : ''"));
	}

}
