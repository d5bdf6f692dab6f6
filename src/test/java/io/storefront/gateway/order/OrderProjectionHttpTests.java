package io.storefront.gateway.order;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.Shopper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's order is read without its {@code internalNote}, which only staff may see: the find names the
 * field as left out, as the driver's command log shows, and the answer is what it was (null with FORBIDDEN).
 * Staff read it whole.
 */
@GatewayHttpTest
class OrderProjectionHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	TestProducts products;

	Shopper shopper;

	String orderId;

	@BeforeEach
	void placeAnOrderWithANote() {
		this.products = new TestProducts(this.mongo);
		String product = this.products.create(10, "4.00");
		this.shopper = Shopper.signUp(this.port);
		this.shopper.add(product, 1);
		this.orderId = this.shopper.checkout("projection-" + new ObjectId()).path("checkout.id").entity(String.class)
			.get();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(this.orderId))),
				Update.update("internalNote", "called the customer"), "orders");
	}

	@AfterEach
	void removeProducts() {
		this.products.removeAll();
	}

	@Test
	void aCustomersOwnOrdersAreReadWithoutTheStaffNote() {
		int mark = this.commands.mark();

		var response = this.shopper.graphQl()
			.document("{ me { orders { edges { node { id internalNote } } } } }")
			.execute();

		response.errors().satisfy((errors) -> ErrorAssertions.single(errors, "FORBIDDEN", null,
				"me.orders.edges[0].node.internalNote"));
		response.path("me.orders.edges[0].node.id").entity(String.class).isEqualTo(this.orderId);
		response.path("me.orders.edges[0].node.internalNote").valueIsNull();
		List<MongoCommandLog.Command> finds = this.commands.since(mark, "orders");
		assertThat(finds).singleElement().satisfies((find) -> {
			assertThat(find.filter().getString("userId").getValue()).isEqualTo(this.shopper.id());
			assertReadsAllButTheNote(find.projection());
		});
	}

	@Test
	void oneOrderByIdIsReadWithoutTheNoteForItsOwnerAndWholeForStaff() {
		int mark = this.commands.mark();
		this.shopper.graphQl()
			.document("{ order(id: \"" + this.orderId + "\") { id internalNote } }")
			.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "FORBIDDEN", null, "order.internalNote"));
		assertThat(this.commands.since(mark, "orders")).filteredOn((command) -> !command.projection().isEmpty())
			.singleElement()
			.satisfies((find) -> assertReadsAllButTheNote(find.projection()));

		mark = this.commands.mark();
		DemoUsers.SUPPORT.graphQl(this.port)
			.document("{ order(id: \"" + this.orderId + "\") { internalNote } }")
			.execute()
			.path("order.internalNote")
			.entity(String.class)
			.isEqualTo("called the customer");
		assertThat(this.commands.since(mark, "orders")).allSatisfy(
				(command) -> assertThat(command.projection()).isEmpty());
	}

	static void assertReadsAllButTheNote(BsonDocument projection) {
		assertThat(projection.keySet()).contains("_id", "userId", "items", "total", "status", "placedAt")
			.doesNotContain("internalNote");
		assertThat(projection.values()).allSatisfy((value) -> assertThat(value.asNumber().intValue()).isEqualTo(1));
	}

	@Test
	void staffListingsReadTheNote() {
		int mark = this.commands.mark();

		DemoUsers.SUPPORT.graphQl(this.port)
			.document("{ orders(filter: {userId: \"" + this.shopper.id() + "\"}) { edges { node { internalNote } } } }")
			.execute()
			.path("orders.edges[0].node.internalNote")
			.entity(String.class)
			.isEqualTo("called the customer");
		assertThat(this.commands.since(mark, "orders")).singleElement()
			.satisfies((find) -> assertThat(find.projection()).isEmpty());
	}

}
