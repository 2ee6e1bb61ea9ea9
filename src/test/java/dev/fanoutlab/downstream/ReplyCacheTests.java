package dev.fanoutlab.downstream;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplyCacheTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ReplyCache cache = new ReplyCache(new JsonBodies(this.mapper));

	@Test
	void buildsEachBodyOnceAndServesTheSameBytesAgain() {
		Reply first = this.cache.ok(Service.LOYALTY, "5");
		Reply again = this.cache.ok(Service.LOYALTY, "5");

		assertThat(again).isSameAs(first);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.contentType()).isEqualTo("application/json");
		JsonNode body = this.mapper.readTree(new String(first.body(), StandardCharsets.UTF_8));
		assertThat(body.get("key").asString()).isEqualTo("5");
		assertThat(body.get("level").asString()).isIn("BRONZE", "SILVER", "GOLD", "PLATINUM");
	}

	@Test
	void keepsTheServicesApart() {
		Reply loyalty = this.cache.ok(Service.LOYALTY, "5");
		Reply shipping = this.cache.ok(Service.SHIPPING, "5");

		assertThat(new String(shipping.body(), StandardCharsets.UTF_8)).contains("\"carrier\"")
			.isNotEqualTo(new String(loyalty.body(), StandardCharsets.UTF_8));
	}

	@Test
	void startsAgainEmptyPastItsBound() {
		Reply first = this.cache.ok(Service.ECHO, "0");
		for (int key = 1; key <= ReplyCache.MAX_KEYS; key++) {
			this.cache.ok(Service.ECHO, String.valueOf(key));
		}

		Reply rebuilt = this.cache.ok(Service.ECHO, "0");

		assertThat(rebuilt).isNotSameAs(first);
		assertThat(rebuilt.body()).isEqualTo(first.body());
	}

	@Test
	void hasNoBodyForAPaymentWithoutItsRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.ok(Service.PAYMENTS, "k"));
	}

}
