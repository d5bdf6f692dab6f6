package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.cart.Cart;
import io.storefront.gateway.cart.CartService;
import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.catalog.Product;
import io.storefront.gateway.catalog.ProductCatalog;
import io.storefront.gateway.catalog.StockLedger;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.order.Checkout.State;
import io.storefront.gateway.order.CheckoutInput.AddressInput;
import io.storefront.gateway.order.Order.Address;
import io.storefront.gateway.order.Order.OrderLine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Turns a cart into an order without transactions: a durable {@link Checkout} record first, then the stock of
 * each line taken with one conditional update per product (see {@link StockLedger}), then the order, then the
 * cart emptied. Any step can be retried, and a checkout cut off at any step is finished or undone by
 * {@link OrderRecovery}. docs/checkout.md tells the whole design.
 */
@Service
class CheckoutService {

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

	private final Checkouts checkouts;

	private final Orders orders;

	private final OrderNumbers numbers;

	private final CartService carts;

	private final ProductCatalog catalog;

	private final StockLedger stock;

	private final CheckoutCompletion completion;

	private final CheckoutFaults faults;

	private final Clock clock;

	CheckoutService(Checkouts checkouts, Orders orders, OrderNumbers numbers, CartService carts,
			ProductCatalog catalog, StockLedger stock, CheckoutCompletion completion,
			ObjectProvider<CheckoutFaults> faults, Clock clock) {
		this.checkouts = checkouts;
		this.orders = orders;
		this.numbers = numbers;
		this.carts = carts;
		this.catalog = catalog;
		this.stock = stock;
		this.completion = completion;
		this.faults = faults.getIfAvailable(() -> CheckoutFaults.NONE);
		this.clock = clock;
	}

	Order checkout(String userId, CheckoutInput input) {
		if (!IDEMPOTENCY_KEY.matcher(input.idempotencyKey()).matches()) {
			throw new InvalidInputException("input.idempotencyKey",
					"idempotencyKey must be 8 to 64 letters, digits, dashes or underscores.");
		}
		Address address = address(input.shippingAddress());
		Cart cart = this.carts.cartOf(userId);
		Checkout earlier = this.checkouts.findByUserIdAndIdempotencyKey(userId, input.idempotencyKey()).orElse(null);
		if (earlier != null) {
			return replay(earlier, cart, address);
		}
		if (cart.isEmpty()) {
			throw new InvalidInputException("cart", "The cart is empty.");
		}
		Checkout checkout = begin(userId, input.idempotencyKey(), cart, address);
		try {
			checkout = this.checkouts.insert(checkout);
		}
		catch (DuplicateKeyException ex) {
			// the same key arrived twice at once; the other request owns the checkout
			return replay(this.checkouts.findByUserIdAndIdempotencyKey(userId, input.idempotencyKey()).orElseThrow(),
					cart, address);
		}
		takeStock(checkout);
		Checkout ordering = this.completion.transition(checkout, State.RESERVING, State.ORDERING);
		if (ordering == null) {
			// a sweeper took this checkout for dead and undid it; undo whatever was taken after that, too
			this.completion.abandon(checkout);
			throw new StorefrontException(ErrorCode.CONFLICT,
					"The checkout took too long and was undone; nothing was ordered. Please try again.", null);
		}
		this.faults.beforeOrderWritten();
		return this.completion.complete(ordering);
	}

	// Lines are taken in product-id order, so that concurrent checkouts of the same products meet in one order.
	private void takeStock(Checkout checkout) {
		List<OrderLine> lines = checkout.lines().stream().sorted(Comparator.comparing(OrderLine::productId)).toList();
		for (int i = 0; i < lines.size(); i++) {
			OrderLine line = lines.get(i);
			if (!this.stock.take(line.productId(), line.quantity(), checkout.stockRef())) {
				this.completion.abandon(checkout);
				throw new StorefrontException(ErrorCode.OUT_OF_STOCK,
						"Not enough stock of " + line.name() + " (" + line.sku() + "); nothing was ordered.", null,
						Map.of("productId", line.productId(), "sku", line.sku()));
			}
			this.faults.afterStockTaken(i);
		}
	}

	private Checkout begin(String userId, String key, Cart cart, Address address) {
		Map<String, Product> products = this.catalog
			.findProducts(cart.items().stream().map(Cart.CartLine::productId).toList())
			.stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		List<OrderLine> lines = new ArrayList<>();
		for (Cart.CartLine item : cart.items()) {
			Product product = products.get(item.productId());
			if (product == null || product.archived()) {
				throw new StorefrontException(ErrorCode.OUT_OF_STOCK,
						"A product in the cart is no longer sold; remove it and try again.", null,
						Map.of("productId", item.productId()));
			}
			lines.add(new OrderLine(product.id(), product.sku(), product.name(), product.price(), item.quantity()));
		}
		Money total = new Money(lines.stream().map((line) -> line.lineTotal().amount()).reduce(BigDecimal.ZERO,
				BigDecimal::add), lines.get(0).unitPrice().currency());
		Instant now = now();
		return new Checkout(new ObjectId().toHexString(), userId, key, new ObjectId().toHexString(),
				this.numbers.next(), List.copyOf(lines), total, address, Objects.requireNonNullElse(cart.version(), 0L),
				State.RESERVING, now, now, null);
	}

	/**
	 * The answer to a key seen before: the same order when the request is the same one again (its cart since
	 * emptied by that very checkout, or unchanged), CONFLICT when the key is reused for something else.
	 */
	private Order replay(Checkout earlier, Cart cart, Address address) {
		boolean sameCart = cart.isEmpty() || sameLines(earlier.lines(), cart);
		if (!sameCart || !earlier.shippingAddress().equals(address)) {
			throw new StorefrontException(ErrorCode.CONFLICT,
					"This idempotencyKey was used for another checkout; use a new key for a new checkout.",
					"input.idempotencyKey");
		}
		if (earlier.state() == State.PLACED) {
			return this.orders.findById(earlier.orderId()).orElseThrow();
		}
		throw new StorefrontException(ErrorCode.CONFLICT,
				"A checkout with this idempotencyKey is still running; ask again in a moment.", "input.idempotencyKey");
	}

	private static boolean sameLines(List<OrderLine> lines, Cart cart) {
		Map<String, Integer> ordered = lines.stream()
			.collect(Collectors.toMap(OrderLine::productId, OrderLine::quantity));
		Map<String, Integer> inCart = cart.items()
			.stream()
			.collect(Collectors.toMap(Cart.CartLine::productId, Cart.CartLine::quantity));
		return ordered.equals(inCart);
	}

	private static Address address(AddressInput input) {
		return new Address(text("input.shippingAddress.name", input.name(), 100),
				text("input.shippingAddress.line1", input.line1(), 100),
				(input.line2() == null || input.line2().isBlank()) ? null
						: text("input.shippingAddress.line2", input.line2(), 100),
				text("input.shippingAddress.city", input.city(), 100),
				text("input.shippingAddress.postalCode", input.postalCode(), 20), input.country().name());
	}

	private static String text(String field, @Nullable String value, int max) {
		String trimmed = (value != null) ? value.trim() : "";
		if (trimmed.isEmpty() || trimmed.length() > max) {
			throw new InvalidInputException(field,
					field.substring(field.lastIndexOf('.') + 1) + " must be 1 to " + max + " characters.");
		}
		return trimmed;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
