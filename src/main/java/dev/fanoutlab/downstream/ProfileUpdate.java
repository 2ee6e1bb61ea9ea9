package dev.fanoutlab.downstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.api.FieldError;
import dev.fanoutlab.api.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * A validated {@code PUT /admin/profile} body: a preset to switch to, settings to merge,
 * or both (preset first). Parsing fails as a whole, so a bad body changes nothing.
 */
record ProfileUpdate(String preset, Map<Service, SettingsPatch> patches) {

	static ProfileUpdate parse(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("body", "must be a JSON object with 'preset' and/or 'services'");
		}
		List<FieldError> errors = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!name.equals("preset") && !name.equals("services")) {
				errors.add(new FieldError(name, "is not known; use 'preset' and/or 'services'"));
			}
		}
		String preset = preset(body.get("preset"), errors);
		Map<Service, SettingsPatch> patches = patches(body.get("services"), errors);
		if (preset == null && body.get("services") == null && errors.isEmpty()) {
			errors.add(new FieldError("body", "must set 'preset' and/or 'services'"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new ProfileUpdate(preset, patches);
	}

	SimulatorProfile applyTo(SimulatorProfile current) {
		SimulatorProfile base = (this.preset != null) ? SimulatorProfile.preset(this.preset) : current;
		return this.patches.isEmpty() ? base : base.merge(this.patches);
	}

	private static String preset(JsonNode node, List<FieldError> errors) {
		if (node == null) {
			return null;
		}
		if (node.isString() && SimulatorProfile.PRESETS.contains(node.asString())) {
			return node.asString();
		}
		errors.add(new FieldError("preset", "must be one of " + SimulatorProfile.PRESETS));
		return null;
	}

	private static Map<Service, SettingsPatch> patches(JsonNode node, List<FieldError> errors) {
		Map<Service, SettingsPatch> patches = new LinkedHashMap<>();
		if (node == null) {
			return patches;
		}
		if (!node.isObject()) {
			errors.add(new FieldError("services", "must be an object keyed by service name"));
			return patches;
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String at = "services." + entry.getKey();
			Service.find(entry.getKey())
				.ifPresentOrElse((service) -> patches.put(service, SettingRules.fromJson(at, entry.getValue(), errors)),
						() -> errors.add(new FieldError(at, "is not a service")));
		}
		return patches;
	}

}
