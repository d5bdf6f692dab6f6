package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.catalog.ProductInputs.CreateProductInput;
import io.storefront.gateway.catalog.ProductInputs.MoneyInput;
import io.storefront.gateway.catalog.ProductInputs.UpdateProductInput;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Changes to the catalog. Each is one atomic write of one document, validated before anything is written.
 */
@Service
class CatalogAdministration {

	private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

	private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

	private static final int MAX_STOCK_CHANGE = 1_000_000;

	// far below Integer.MAX_VALUE, so that no adjustment or cancellation can carry stock past what an int holds
	private static final int MAX_STOCK = 1_000_000_000;

	private final Products products;

	private final MongoOperations mongo;

	private final Clock clock;

	private final ChangeFeed changes;

	CatalogAdministration(Products products, MongoOperations mongo, Clock clock, ChangeFeed changes) {
		this.products = products;
		this.mongo = mongo;
		this.clock = clock;
		this.changes = changes;
	}

	Product create(CreateProductInput input) {
		if (!SKU.matcher(input.sku()).matches()) {
			throw new InvalidInputException("input.sku",
					"sku must be 3 to 32 upper-case letters, digits and dashes, starting with a letter or digit.");
		}
		if (input.stock() > MAX_STOCK) {
			throw new InvalidInputException("input.stock", "stock must be at most " + MAX_STOCK + ".");
		}
		Instant now = now();
		Product product = new Product(new ObjectId().toHexString(), input.sku(), text("input.name", input.name(), 200),
				description("input.description", input.description()), money("input.price", input.price()),
				text("input.category", input.category(), 100), url("input.imageUrl", input.imageUrl()), input.stock(),
				money("input.cost", input.cost()), false, now, now, null);
		try {
			return this.products.insert(product);
		}
		catch (DuplicateKeyException ex) {
			throw new StorefrontException(ErrorCode.CONFLICT, "A product with this sku exists already.", "input.sku");
		}
	}

	Product update(String id, UpdateProductInput input) {
		Update update = new Update();
		if (input.name() != null) {
			update.set("name", text("input.name", input.name(), 200));
		}
		if (input.description() != null) {
			update.set("description", description("input.description", input.description()));
		}
		if (input.price() != null) {
			update.set("price", money("input.price", input.price()));
		}
		if (input.category() != null) {
			update.set("category", text("input.category", input.category(), 100));
		}
		if (input.imageUrl() != null) {
			update.set("imageUrl", url("input.imageUrl", input.imageUrl()));
		}
		if (input.cost() != null) {
			update.set("cost", money("input.cost", input.cost()));
		}
		Product updated = modify("id", id, new Criteria(), update);
		if (input.price() != null) {
			// subscribers compare with what they knew, so a price set to what it was is not sent on
			this.changes.changed(Product.COLLECTION, updated.id());
		}
		return updated;
	}

	Product archive(String id) {
		return modify("id", id, new Criteria(), new Update().set("archived", true));
	}

	Product adjustStock(String productId, int delta) {
		if (Math.abs((long) delta) > MAX_STOCK_CHANGE) {
			throw new InvalidInputException("delta", "delta must be between -" + MAX_STOCK_CHANGE + " and "
					+ MAX_STOCK_CHANGE + ".");
		}
		// the condition makes the check and the change one atomic step: stock never leaves 0 to MAX_STOCK
		Criteria withinRange = (delta < 0) ? Criteria.where("stock").gte(-delta)
				: Criteria.where("stock").lte(MAX_STOCK - delta);
		Product adjusted = modify("productId", productId, withinRange, new Update().inc("stock", delta),
				() -> new InvalidInputException("delta", (delta < 0)
						? "The stock is smaller than " + -delta + "; it cannot go below zero."
						: "The stock would exceed " + MAX_STOCK + "."));
		if ((adjusted.stock() > 0) != (adjusted.stock() - delta > 0)) {
			this.changes.changed(Product.COLLECTION, adjusted.id());
		}
		return adjusted;
	}

	private Product modify(String field, String id, Criteria condition, Update update) {
		return modify(field, id, condition, update, () -> notFound(field));
	}

	private Product modify(String field, String id, Criteria condition, Update update,
			java.util.function.Supplier<StorefrontException> refused) {
		String productId = Ids.requireId(field, id);
		update.set("updatedAt", now()).inc("version", 1);
		Product changed = this.mongo.findAndModify(
				new Query(new Criteria().andOperator(Criteria.where("id").is(productId), condition)), update,
				FindAndModifyOptions.options().returnNew(true), Product.class);
		if (changed == null) {
			throw this.products.existsById(productId) ? refused.get() : notFound(field);
		}
		return changed;
	}

	private static StorefrontException notFound(String field) {
		return new StorefrontException(ErrorCode.NOT_FOUND, "No product has this id.", field);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String text(String field, String value, int max) {
		String trimmed = value.trim();
		if (trimmed.isEmpty() || trimmed.length() > max) {
			throw new InvalidInputException(field, field.substring(field.indexOf('.') + 1) + " must be 1 to " + max
					+ " characters.");
		}
		return trimmed;
	}

	private static String description(String field, String value) {
		if (value.length() > 5000) {
			throw new InvalidInputException(field, "description must be at most 5000 characters.");
		}
		return value.trim();
	}

	private static Money money(String field, MoneyInput input) {
		BigDecimal amount = input.amount();
		if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
			throw new InvalidInputException(field + ".amount", "amount must be from 0 to " + MAX_AMOUNT + ".");
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException(field + ".amount", "amount has at most two decimal places.");
		}
		if (!input.currency().equals(ProductCatalog.SHOP_CURRENCY)) {
			throw new InvalidInputException(field + ".currency",
					"The catalog is priced in " + ProductCatalog.SHOP_CURRENCY + " only.");
		}
		return new Money(amount.setScale(2), input.currency());
	}

	private static @Nullable String url(String field, @Nullable URL url) {
		if (url == null) {
			return null;
		}
		if (!url.getProtocol().equals("https") && !url.getProtocol().equals("http")) {
			throw new InvalidInputException(field, "imageUrl must be an http or https URL.");
		}
		return url.toString();
	}

}
