package dev.fanoutlab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls between the stacks: each is written in its own style with its own libraries,
 * and they share only the {@code api} package.
 */
@AnalyzeClasses(packages = "dev.fanoutlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule reactiveUsesNoJdbcServletOrRestClient = noClasses().that()
		.resideInAPackage("..reactive..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.servlet..", "org.springframework.jdbc..",
				"org.springframework.web.servlet..", "com.zaxxer.hikari..", "org.apache.catalina..", "org.apache.hc..")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestClient")
		.because("the reactive stack is WebFlux, WebClient and R2DBC only");

	@ArchTest
	static final ArchRule blockingUsesNoReactor = noClasses().that()
		.resideInAnyPackage("..blocking..", "..virtual..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("reactor..", "io.r2dbc..", "org.springframework.r2dbc..",
				"org.springframework.web.reactive..", "org.reactivestreams..")
		.because("the blocking stack is Web MVC, RestClient and JDBC only");

	@ArchTest
	static final ArchRule apiIsSharedByBothStylesSoUsesNeither = noClasses().that()
		.resideInAPackage("..api..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("reactor..", "io.r2dbc..", "java.sql..", "jakarta.servlet..", "org.springframework.jdbc..",
				"org.springframework.web.reactive..", "org.springframework.web.servlet..", "dev.fanoutlab.reactive..",
				"dev.fanoutlab.blocking..", "dev.fanoutlab.virtual..", "dev.fanoutlab.downstream..",
				"dev.fanoutlab.lab..");

	@ArchTest
	static final ArchRule stacksDoNotKnowEachOther = noClasses().that()
		.resideInAPackage("..reactive..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.fanoutlab.blocking..", "dev.fanoutlab.virtual..", "dev.fanoutlab.downstream..",
				"dev.fanoutlab.lab..");

	/**
	 * The virtual column builds on the blocking one; the blocking one knows nothing of
	 * it.
	 */
	@ArchTest
	static final ArchRule blockingDoesNotKnowTheOthers = noClasses().that()
		.resideInAPackage("..blocking..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.fanoutlab.reactive..", "dev.fanoutlab.virtual..", "dev.fanoutlab.downstream..",
				"dev.fanoutlab.lab..");

	@ArchTest
	static final ArchRule virtualKnowsOnlyTheBlockingColumnAndApi = noClasses().that()
		.resideInAPackage("..virtual..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.fanoutlab.reactive..", "dev.fanoutlab.downstream..", "dev.fanoutlab.lab..");

	@ArchTest
	static final ArchRule theSimulatorStandsAlone = noClasses().that()
		.resideInAPackage("..downstream..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.fanoutlab.reactive..", "dev.fanoutlab.blocking..", "dev.fanoutlab.virtual..",
				"dev.fanoutlab.lab..");

}
