package dev.fanoutlab.api;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The strict reader and the field each refusal names. */
class StrictJsonTests {

	private final JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":99.99}]}|items[0].priceCents",
			"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1e2}]}|items[0].priceCents",
			"{\"items\":[{\"sku\":\"A\",\"quantity\":\"3\",\"priceCents\":1}]}|items[0].quantity",
			"{\"items\":[{\"sku\":\"A\",\"quantity\":true,\"priceCents\":1}]}|items[0].quantity",
			"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"priceCents\":1},{\"sku\":\"B\",\"sku\":\"C\",\"quantity\":1,\"priceCents\":1}]}|items[1].sku",
			"{\"items\":[],\"items\":[]}|items" })
	void refusesInexactNumbersAndRepeatedKeysNamingTheField(String body, String field) {
		JacksonException failure = catchThrowableOfType(JacksonException.class,
				() -> this.json.readValue(body, CreateOrderRequest.class));
		Optional<FieldError> error = StrictJson.fieldError(new IllegalStateException("wrapped", failure));
		assertThat(error).as(String.valueOf(failure)).isPresent();
		assertThat(error.get().field()).isEqualTo(field);
		assertThat(error.get().message()).isNotBlank();
	}

	@Test
	void integersAreRead() {
		CreateOrderRequest request = this.json
			.readValue("{\"items\":[{\"sku\":\"A\",\"quantity\":2,\"priceCents\":1250}]}", CreateOrderRequest.class);
		assertThat(request.items().get(0).quantity()).isEqualTo(2);
		assertThat(request.items().get(0).priceCents()).isEqualTo(1250L);
	}

	@Test
	void aBodyThatIsNotJsonNamesNoField() {
		JacksonException failure = catchThrowableOfType(JacksonException.class,
				() -> this.json.readValue("{\"items\": [", CreateOrderRequest.class));
		assertThat(StrictJson.fieldError(failure)).isEmpty();
	}

}
