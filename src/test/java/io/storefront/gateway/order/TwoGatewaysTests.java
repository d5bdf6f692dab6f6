package io.storefront.gateway.order;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.LiveClient;
import io.storefront.gateway.LiveClient.Events;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StorefrontApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one embedded store: the test's own (A) and a second application context (B) started on A's
 * store by its URI, as a second instance behind a load balancer would be. What is done through one is heard by
 * subscribers of the other, through the change feed kept in the store.
 */
@GatewayHttpTest
class TwoGatewaysTests {

	static ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	MongoServer store;

	@Autowired
	MongoOperations mongo;

	TestProducts products;

	@BeforeEach
	void startTheSecondGateway() {
		this.products = new TestProducts(this.mongo);
		if (second == null) {
			InetSocketAddress address = this.store.getLocalAddress();
			second = new SpringApplicationBuilder(StorefrontApplication.class)
				.properties("server.port=0", "storefront.checkout.sweeper-enabled=false")
				.run("--spring.mongodb.uri=mongodb://" + address.getHostString() + ":" + address.getPort()
						+ "/storefront");
		}
	}

	@AfterEach
	void removeProductsOnceNobodyListens() {
		LiveClient.awaitListening(second.getBean(MeterRegistry.class), 0);
		this.products.removeAll();
	}

	@AfterAll
	static void stopTheSecondGateway() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void aProductSoldOutThroughOneGatewayReachesSubscribersOfTheOther() {
		String product = this.products.create(1, "4.00");
		Events onB = LiveClient.subscribe(LiveClient.connect(portOf(second), null),
				LiveClient.document("productAvailabilityChanged"), Map.of("productIds", List.of(product)));
		LiveClient.awaitListening(second.getBean(MeterRegistry.class), 1);

		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(product, 1).errors().verify();
		shopper.checkout("two-" + new ObjectId()).path("checkout.id").hasValue();

		assertThat(onB.next().field("productAvailabilityChanged.inStock").toEntity(Boolean.class)).isFalse();
		onB.cancel();
	}

	@Test
	void anOrderMovedThroughOneGatewayReachesItsOwnerOnTheOther() {
		Shopper owner = Shopper.signUp(this.port);
		String product = this.products.create(5, "4.00");
		owner.add(product, 1).errors().verify();
		String orderId = owner.checkout("two-" + new ObjectId()).path("checkout.id").entity(String.class).get();
		Events onB = LiveClient.subscribe(LiveClient.connect(portOf(second), owner.token()),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(onB.next().field("orderStatusChanged.status").toEntity(String.class)).isEqualTo("PLACED");

		DemoUsers.ADMIN.graphQl(this.port)
			.documentName("orderLifecycle")
			.operationName("setOrderStatus")
			.variable("id", orderId)
			.variable("status", "PAID")
			.executeAndVerify();

		assertThat(onB.next().field("orderStatusChanged.status").toEntity(String.class)).isEqualTo("PAID");
		onB.cancel();
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
