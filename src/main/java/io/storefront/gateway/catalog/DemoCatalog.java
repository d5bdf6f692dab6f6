package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import io.storefront.gateway.store.DemoData;

import org.springframework.stereotype.Component;

/**
 * A deterministic demo catalog: 72 products in 8 categories, every seventh one sold out, prices and dates
 * derived from the position so that every load is the same.
 */
@Component
class DemoCatalog implements DemoData {

	private static final Currency USD = Currency.getInstance("USD");

	private static final BigDecimal COST_SHARE = new BigDecimal("0.55");

	static final Instant FIRST_ADDED = Instant.parse("2026-01-05T09:00:00Z");

	private static final List<String> CATEGORIES = List.of("Coffee", "Tea", "Kitchen", "Books", "Outdoor", "Audio",
			"Stationery", "Games");

	private static final List<List<String>> ITEMS = List.of(
			List.of("Espresso Beans", "Filter Roast", "Decaf Blend", "Cold Brew Pack", "Single Origin Ethiopia",
					"Single Origin Colombia", "Moka Grind", "Cezve Grind", "Capsule Set"),
			List.of("Sencha", "Earl Grey", "Assam Breakfast", "Rooibos", "Jasmine Pearls", "Chamomile", "Matcha",
					"Oolong", "Chai Spice"),
			List.of("Chef Knife", "Cast Iron Pan", "Pour-Over Kettle", "Cutting Board", "Spice Grinder",
					"Dutch Oven", "Mixing Bowls", "Digital Scale", "Tea Towels"),
			List.of("Field Guide to Birds", "Bread Baking Basics", "Pocket Atlas", "Night Sky Handbook",
					"Coffee Atlas", "Short Stories", "Garden Almanac", "Knot Tying", "City Walks"),
			List.of("Trail Backpack", "Camping Stove", "Headlamp", "Water Filter", "Trekking Poles", "Sleeping Mat",
					"Rain Shell", "Camp Mug", "Hammock"),
			List.of("Wireless Earbuds", "Bookshelf Speakers", "Turntable", "Headphone Amp", "Studio Headphones",
					"Portable Radio", "Soundbar", "USB Microphone", "Speaker Cable"),
			List.of("Dot Grid Notebook", "Fountain Pen", "Ink Bottle", "Pencil Set", "Desk Planner",
					"Washi Tape", "Brass Ruler", "Letter Paper", "Sketchbook"),
			List.of("Chess Set", "Jigsaw Puzzle", "Card Game", "Backgammon", "Go Board", "Dice Set",
					"Strategy Board Game", "Crossword Book", "Wooden Blocks"));

	private final Products products;

	DemoCatalog(Products products) {
		this.products = products;
	}

	@Override
	public String name() {
		return "catalog";
	}

	@Override
	public boolean isEmpty() {
		return this.products.count() == 0;
	}

	@Override
	public int load() {
		return this.products.saveAll(products()).size();
	}

	/** Fixed ids, so that examples and bookmarks keep working across restarts. */
	static String demoId(int n) {
		return "%08x%016x".formatted(FIRST_ADDED.getEpochSecond(), n + 1L);
	}

	static List<Product> products() {
		List<Product> products = new ArrayList<>();
		for (int c = 0; c < CATEGORIES.size(); c++) {
			String category = CATEGORIES.get(c);
			List<String> names = ITEMS.get(c);
			for (int i = 0; i < names.size(); i++) {
				int n = products.size();
				String sku = "%s-%03d".formatted(category.substring(0, 3).toUpperCase(Locale.ROOT), i + 1);
				BigDecimal price = BigDecimal.valueOf(499 + (n * 7919L) % 19500, 2);
				BigDecimal cost = price.multiply(COST_SHARE).setScale(2, RoundingMode.HALF_EVEN);
				Instant added = FIRST_ADDED.plus(Duration.ofHours(7L * n));
				products.add(new Product(demoId(n), sku, names.get(i),
						"%s from our %s range. Demo product number %d.".formatted(names.get(i), category.toLowerCase(Locale.ROOT), n + 1),
						new Money(price, USD), category,
						"https://images.storefront.example/products/" + sku.toLowerCase(Locale.ROOT) + ".jpg",
						(n % 7 == 3) ? 0 : 5 + (n * 13) % 60, new Money(cost, USD), false, added, added, null));
			}
		}
		return products;
	}

}
