package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import io.storefront.gateway.GatewayHttpTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each stock movement happens exactly once however often it is repeated, and an undone or settled product
 * document ends up exactly as it would have without holds.
 */
@GatewayHttpTest
class StockLedgerTests {

	@Autowired
	StockLedger ledger;

	@Autowired
	Products products;

	@Autowired
	MongoOperations mongo;

	Product product;

	@BeforeEach
	void product() {
		this.product = this.products.insert(CatalogHttpTests.newProduct("LEDGER-1", "Ledger", BigDecimal.TEN,
				Instant.now()).withStock(5));
	}

	@AfterEach
	void remove() {
		this.products.deleteById(this.product.id());
	}

	@Test
	void takingTwiceUnderOneRefTakesOnce() {
		assertThat(this.ledger.take(this.product.id(), 2, "checkout:a")).isTrue();
		assertThat(this.ledger.take(this.product.id(), 2, "checkout:a")).isTrue();

		assertThat(stock()).isEqualTo(3);
	}

	@Test
	void takingMoreThanThereIsTakesNothing() {
		assertThat(this.ledger.take(this.product.id(), 6, "checkout:b")).isFalse();

		assertThat(stock()).isEqualTo(5);
		assertThat(document()).doesNotContainKey("holds");
	}

	@Test
	void undoPutsBackOnceAndLeavesNoTrace() {
		Document before = document();
		this.ledger.take(this.product.id(), 4, "checkout:c");

		this.ledger.undo(this.product.id(), "checkout:c");
		this.ledger.undo(this.product.id(), "checkout:c");

		assertThat(document()).isEqualTo(before);
	}

	@Test
	void settleKeepsTheStockTaken() {
		this.ledger.take(this.product.id(), 4, "checkout:d");

		this.ledger.settle(this.product.id(), "checkout:d");
		this.ledger.undo(this.product.id(), "checkout:d");

		assertThat(stock()).isEqualTo(1);
		assertThat(document()).doesNotContainKey("holds");
	}

	@Test
	void givingBackTwiceUnderOneRefGivesOnce() {
		this.ledger.giveBack(this.product.id(), 3, "cancel:e");
		this.ledger.giveBack(this.product.id(), 3, "cancel:e");
		this.ledger.settle(this.product.id(), "cancel:e");

		assertThat(stock()).isEqualTo(8);
	}

	private int stock() {
		return document().getInteger("stock");
	}

	private Document document() {
		return this.mongo.findById(this.product.id(), Document.class, "products");
	}

}
