package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.jspecify.annotations.Nullable;

/**
 * Reads a product of the listing straight from the BSON the driver receives, with no document in between:
 * the listing is the hottest read of the shop, and building a map per product cost more than the product.
 * Fields the listing did not ask for are absent from the BSON and stay empty in the product.
 */
final class ListedProductCodec implements Codec<Product> {

	@Override
	public Product decode(BsonReader reader, DecoderContext context) {
		String id = null;
		String sku = null;
		String name = null;
		String description = null;
		Money price = null;
		String category = null;
		String imageUrl = null;
		int stock = 0;
		Money cost = null;
		Instant createdAt = null;
		Instant updatedAt = null;
		reader.readStartDocument();
		while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
			switch (reader.readName()) {
				case "_id" -> id = reader.readObjectId().toHexString();
				case "sku" -> sku = string(reader);
				case "name" -> name = string(reader);
				case "description" -> description = string(reader);
				case "price" -> price = money(reader);
				case "category" -> category = string(reader);
				case "imageUrl" -> imageUrl = string(reader);
				case "stock" -> stock = number(reader).intValue();
				case "cost" -> cost = money(reader);
				case "createdAt" -> createdAt = instant(reader);
				case "updatedAt" -> updatedAt = instant(reader);
				default -> reader.skipValue();
			}
		}
		reader.readEndDocument();
		return new Product(id, sku, name, description, price, category, imageUrl, stock, cost, false, createdAt,
				updatedAt, null);
	}

	private static @Nullable String string(BsonReader reader) {
		if (reader.getCurrentBsonType() == BsonType.NULL) {
			reader.readNull();
			return null;
		}
		return reader.readString();
	}

	private static @Nullable Instant instant(BsonReader reader) {
		if (reader.getCurrentBsonType() == BsonType.NULL) {
			reader.readNull();
			return null;
		}
		return Instant.ofEpochMilli(reader.readDateTime());
	}

	private static @Nullable Money money(BsonReader reader) {
		if (reader.getCurrentBsonType() != BsonType.DOCUMENT) {
			reader.skipValue();
			return null;
		}
		BigDecimal amount = null;
		String currency = null;
		reader.readStartDocument();
		while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
			switch (reader.readName()) {
				case "amount" -> amount = decimal(reader);
				case "currency" -> currency = string(reader);
				default -> reader.skipValue();
			}
		}
		reader.readEndDocument();
		return (amount != null && currency != null) ? new Money(amount, Currency.getInstance(currency)) : null;
	}

	private static BigDecimal decimal(BsonReader reader) {
		return switch (reader.getCurrentBsonType()) {
			case DECIMAL128 -> reader.readDecimal128().bigDecimalValue();
			case DOUBLE -> BigDecimal.valueOf(reader.readDouble());
			case INT32 -> BigDecimal.valueOf(reader.readInt32());
			case INT64 -> BigDecimal.valueOf(reader.readInt64());
			default -> new BigDecimal(reader.readString());
		};
	}

	private static Number number(BsonReader reader) {
		return switch (reader.getCurrentBsonType()) {
			case INT32 -> reader.readInt32();
			case INT64 -> reader.readInt64();
			case DOUBLE -> reader.readDouble();
			default -> {
				reader.skipValue();
				yield 0;
			}
		};
	}

	@Override
	public void encode(BsonWriter writer, Product value, EncoderContext context) {
		throw new UnsupportedOperationException("Products are written through the catalog's documents, not here");
	}

	@Override
	public Class<Product> getEncoderClass() {
		return Product.class;
	}

}
