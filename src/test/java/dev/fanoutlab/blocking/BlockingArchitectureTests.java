package dev.fanoutlab.blocking;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The blocking stack is plain blocking code: no Reactor, no R2DBC, no WebFlux. */
class BlockingArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.fanoutlab.blocking");

	@Test
	void usesNoReactiveTypes() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor..", "io.r2dbc..", "org.springframework.web.reactive..",
					"org.springframework.r2dbc..")
			.check(this.classes);
	}

}
