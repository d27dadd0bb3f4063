package org.cimkit.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.cimkit.server.jobs.JobState;

/**
 * The one-way path of a request (ARCHITECTURE.md), enforced: a wrong import fails the build.
 *
 * <p>Known exceptions to "nothing below dispatch knows CIM-XML", named here so that no other class
 * can join them unnoticed: the repository's {@code ValueCodec} and {@code DeclarationCodec} store
 * embedded objects and declarations in their CIM-XML text (a storage format), and the Hyper-V export
 * file is a CIM-XML DECLARATION that {@code ExportTask} writes and {@code ExportFileReader} reads back
 * (a file format clients may read). None of them decodes a request or encodes a response.
 *
 * <p>What http may use, and why: dispatch (the operations) and security (who the caller is, TLS
 * material); statistics (the servlet counts each request's time and sizes and sends the server time in
 * a response header: only the HTTP layer sees a request from its first byte to its last); the CIM model with its CIM-XML reader and writer and message types (http decodes
 * requests and encodes responses); Jetty and the Jakarta servlet API (it is the HTTP layer); SLF4J
 * (the access and error logs); and the JDK ({@code java..}, and {@code javax.crypto} for the PBKDF2
 * password hashes of Basic authentication).
 *
 * <p>The indication service's delivery side ({@code indications.delivery}) writes CIM-XML export
 * requests and reads their answers: it is the server's outgoing protocol edge, as http is the incoming one.
 *
 * <p>Dispatch, the repository and http know no provider implementation (jobs, Interop, Hyper-V, indications):
 * dispatch reaches providers only through the SPI in {@code server.providers}.
 */
@AnalyzeClasses(packages = "org.cimkit.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String HTTP = "org.cimkit.server.http..";
    private static final String DISPATCH = "org.cimkit.server.dispatch..";
    private static final String REPOSITORY = "org.cimkit.server.repository..";
    private static final String PROVIDERS = "org.cimkit.server.providers..";
    private static final String JOBS = "org.cimkit.server.jobs..";
    private static final String INTEROP = "org.cimkit.server.interop..";
    private static final String VIRTUALIZATION = "org.cimkit.server.virtualization..";
    private static final String STORAGE = "org.cimkit.server.storage..";
    private static final String INDICATIONS = "org.cimkit.server.indications..";
    private static final String STATISTICS = "org.cimkit.server.statistics..";
    private static final String[] BELOW_HTTP = {DISPATCH, REPOSITORY, PROVIDERS, JOBS, INTEROP, VIRTUALIZATION,
            "org.cimkit.server.query..", "org.cimkit.server.pull..", "org.cimkit.server.changes..",
            "org.cimkit.server.security..", STORAGE, INDICATIONS};
    private static final String[] BELOW_DISPATCH = {REPOSITORY, PROVIDERS, JOBS, INTEROP, VIRTUALIZATION,
            "org.cimkit.server.query..", "org.cimkit.server.pull..", "org.cimkit.server.changes..", STORAGE, INDICATIONS};

    @ArchTest
    static final ArchRule httpTalksOnlyToDispatchAndSecurity = classes().that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat().resideInAnyPackage(HTTP, DISPATCH, "org.cimkit.server.security..",
                    STATISTICS,
                    "org.cimkit.model..", "java..", "javax..", "jakarta..", "org.eclipse.jetty..", "org.slf4j..")
            .because("the servlet hands decoded operations to dispatch and knows nothing of what lies behind it"
                    + " (see the class comment for why each other package is allowed)");

    @ArchTest
    static final ArchRule consoleIsASecondDoorOntoDispatch = classes().that().resideInAPackage("org.cimkit.server.console..")
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("org.cimkit.server.console..",
                    DISPATCH, HTTP, "org.cimkit.model..", "java..", "javax..", "jakarta..", "org.slf4j..",
                    "org.owasp.encoder..").or(JavaClass.Predicates.belongToAnyOf(JobState.class)))
            .because("the web console reaches the repository and the providers only through dispatch, as a CIM-XML"
                    + " client does, and logs users in with the same code (server.http) as the CIM-XML door; it reads"
                    + " which JobState values are final from the one class that knows the job state machine");

    @ArchTest
    static final ArchRule statisticsIsALeaf = classes().that().resideInAPackage(STATISTICS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(STATISTICS, "java..")
            .because("every layer feeds the statistics (http, dispatch) or shows them (interop): depending on"
                    + " nothing but the JDK keeps that free of cycles");

    @ArchTest
    static final ArchRule theEngineDoesNotKnowProviderImplementations = noClasses()
            .that().resideInAnyPackage(HTTP, DISPATCH, REPOSITORY)
            .should().dependOnClassesThat().resideInAnyPackage(JOBS, INTEROP, VIRTUALIZATION, INDICATIONS)
            .because("providers plug in through the SPI (server.providers); only the composition root wires the"
                    + " job engine, Interop and Hyper-V providers in");

    @ArchTest
    static final ArchRule nothingBelowHttpKnowsHttp = noClasses().that().resideInAnyPackage(BELOW_HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "jakarta.servlet..")
            .because("HTTP ends in server.http");

    @ArchTest
    static final ArchRule nothingBelowDispatchKnowsCimXml = noClasses().that().resideInAnyPackage(BELOW_DISPATCH)
            .and().doNotHaveFullyQualifiedName("org.cimkit.server.repository.ValueCodec")
            .and().doNotHaveFullyQualifiedName("org.cimkit.server.repository.DeclarationCodec")
            .and().doNotHaveFullyQualifiedName("org.cimkit.server.virtualization.ExportTask")
            .and().doNotHaveFullyQualifiedName("org.cimkit.server.virtualization.ExportFileReader")
            .and().resideOutsideOfPackage("org.cimkit.server.indications.delivery..")
            .should().dependOnClassesThat().resideInAPackage("org.cimkit.model.xml..")
            .because("CIM-XML is decoded above dispatch and encoded on the way out; see the class comment for the"
                    + " file formats that are CIM-XML too");

    @ArchTest
    static final ArchRule storageIsTheBottomLayer = noClasses().that().resideInAPackage(STORAGE)
            .should().dependOnClassesThat().resideInAnyPackage("org.cimkit.server")
            .orShould().dependOnClassesThat().resideInAnyPackage(HTTP, DISPATCH, REPOSITORY, PROVIDERS, JOBS, INTEROP,
                    VIRTUALIZATION, "org.cimkit.server.security..")
            .because("the durable store and the atomic files serve the repository, the job records, exports and"
                    + " certificates alike, and know none of them");

    @ArchTest
    static final ArchRule repositoryNeverCallsUp = noClasses().that().resideInAPackage(REPOSITORY)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, DISPATCH, PROVIDERS, JOBS, INTEROP, VIRTUALIZATION,
                    INDICATIONS)
            .because("the repository never calls back up into dispatch or the providers");

    @ArchTest
    static final ArchRule providersReachTheRepositoryOnlyThroughTheSpi = noClasses()
            .that().resideInAnyPackage(PROVIDERS, JOBS, INTEROP, VIRTUALIZATION, INDICATIONS)
            .should().dependOnClassesThat().resideInAnyPackage(REPOSITORY, DISPATCH, HTTP)
            .because("providers get NamespaceObjects from the SPI, never the repository itself");

    @ArchTest
    static final ArchRule onlyTheCompositionRootKnowsHyperV = noClasses()
            .that().resideOutsideOfPackage(VIRTUALIZATION)
            .and().doNotHaveFullyQualifiedName("org.cimkit.server.CimkitServer")
            .should().dependOnClassesThat().resideInAPackage(VIRTUALIZATION)
            .because("the engine does not know the Hyper-V provider module by name");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.cimkit.server.(*)..").should().beFreeOfCycles();
}
