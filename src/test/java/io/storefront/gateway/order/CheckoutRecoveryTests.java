package io.storefront.gateway.order;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import de.bwaldvogel.mongo.MongoServer;
import io.storefront.gateway.AllAtOnce;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StoreSnapshot;
import io.storefront.gateway.StorefrontApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkout cut off as if its process died — after some stock was taken, or after all of it but before the
 * order was written — is repaired by the sweeper: no stock stays taken without an order, and no order exists
 * without its stock. The failure is injected through the checkout's fault hook; the store is the real one.
 */
@GatewayHttpTest
@Import(CheckoutRecoveryTests.Faults.class)
class CheckoutRecoveryTests {

	static final AtomicReference<String> crashAt = new AtomicReference<>("");

	@TestConfiguration(proxyBeanMethods = false)
	static class Faults {

		@Bean
		CheckoutFaults crashingCheckout() {
			return new CheckoutFaults() {

				@Override
				public void afterStockTaken(int index) {
					if (crashAt.get().equals("afterLine" + index)) {
						throw new IllegalStateException("simulated crash after line " + index);
					}
				}

				@Override
				public void beforeOrderWritten() {
					if (crashAt.get().equals("beforeOrder")) {
						throw new IllegalStateException("simulated crash before the order was written");
					}
				}

			};
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	OrderRecovery recovery;

	@Autowired
	MongoServer server;

	TestProducts products;

	String first;

	String second;

	Shopper shopper;

	@BeforeEach
	void cartWithTwoLines() {
		this.products = new TestProducts(this.mongo);
		this.first = this.products.create(5, "1.00");
		this.second = this.products.create(5, "2.00");
		this.shopper = Shopper.signUp(this.port);
		this.shopper.add(this.first, 2);
		this.shopper.add(this.second, 3);
	}

	@AfterEach
	void reset() {
		crashAt.set("");
		this.products.removeAll();
	}

	@Test
	void crashAfterSomeStockWasTakenIsUndone() {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");
		crashAt.set("afterLine0");

		this.shopper.checkout("crash-after-line-0")
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "INTERNAL")));
		crashAt.set("");
		assertThat(this.products.stock(this.first) + this.products.stock(this.second)).isLessThan(10);
		assertThat(ordersOfShopper()).isZero();

		assertThat(this.recovery.sweep(Duration.ZERO)).isEqualTo(1);

		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(before);
		this.shopper.checkout("crash-after-line-0").errors().verify().path("checkout.status").entity(String.class)
			.isEqualTo("PLACED");
	}

	@Test
	void crashBeforeTheOrderWasWrittenIsCompleted() {
		crashAt.set("beforeOrder");

		this.shopper.checkout("crash-before-order")
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "INTERNAL")));
		crashAt.set("");
		assertThat(ordersOfShopper()).isZero();
		assertThat(this.products.stock(this.first)).isEqualTo(3);

		assertThat(this.recovery.sweep(Duration.ZERO)).isEqualTo(1);

		assertThat(ordersOfShopper()).isEqualTo(1);
		assertThat(this.products.stock(this.first)).isEqualTo(3);
		assertThat(this.products.stock(this.second)).isEqualTo(2);
		assertThat(this.products.holds(this.first)).isEmpty();
		assertThat(this.products.holds(this.second)).isEmpty();
		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.itemCount").entity(Integer.class)
			.isEqualTo(0);
		this.shopper.checkout("crash-before-order").errors().verify().path("checkout.status").entity(String.class)
			.isEqualTo("PLACED");
		assertThat(ordersOfShopper()).isEqualTo(1);
	}

	@Test
	void aFreshCheckoutIsLeftAloneBySweepers() {
		crashAt.set("beforeOrder");
		this.shopper.checkout("fresh-checkout-1");
		crashAt.set("");

		assertThat(this.recovery.sweep(Duration.ofMinutes(2))).isZero();
		assertThat(this.products.stock(this.first)).isEqualTo(3);
		this.recovery.sweep(Duration.ZERO);
	}

	@Test
	void sweepingTwiceChangesNothingMore() {
		crashAt.set("afterLine1");
		this.shopper.checkout("crash-after-line-1");
		crashAt.set("");

		this.recovery.sweep(Duration.ZERO);
		StoreSnapshot swept = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");
		this.recovery.sweep(Duration.ZERO);

		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(swept);
		assertThat(this.products.stock(this.first)).isEqualTo(5);
		assertThat(this.products.stock(this.second)).isEqualTo(5);
	}

	@Test
	void twoGatewaysSweepingAtOnceRepairAStaleCheckoutOnce() throws Exception {
		crashAt.set("beforeOrder");
		this.shopper.checkout("crash-two-sweepers");
		crashAt.set("");
		InetSocketAddress store = this.server.getLocalAddress();
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(StorefrontApplication.class)
			.properties("server.port=0", "storefront.checkout.sweeper-enabled=false")
			.run("--spring.mongodb.uri=mongodb://" + store.getHostString() + ":" + store.getPort() + "/storefront")) {
			OrderRecovery otherSweeper = other.getBean(OrderRecovery.class);
			List<Integer> repaired = AllAtOnce.run(List.of(() -> this.recovery.sweep(Duration.ZERO),
					() -> otherSweeper.sweep(Duration.ZERO)));

			assertThat(repaired.get(0) + repaired.get(1)).isEqualTo(1);
		}
		assertThat(ordersOfShopper()).isEqualTo(1);
		assertThat(this.products.stock(this.first)).isEqualTo(3);
		assertThat(this.products.stock(this.second)).isEqualTo(2);
		assertThat(this.products.holds(this.first)).isEmpty();
		assertThat(this.mongo.count(new Query(), "leases")).as("leases left behind").isZero();
	}

	private long ordersOfShopper() {
		return this.mongo.count(Query.query(Criteria.where("userId").is(this.shopper.id())), Order.class);
	}

}
