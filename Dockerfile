# syntax=docker/dockerfile:1
# One image for every role of Fan-out Lab; the role is the container's command:
#   docker build -t fanout-lab:local .
#   docker run --rm -p 8090:8090 fanout-lab:local downstream
# Layout follows the Spring Boot reference ("Efficient Container Images", "Dockerfiles",
# "AOT Cache"): the jar is extracted into layers that change at different rates, and each role
# gets a JDK 25 AOT cache from a training run at build time.
# Needs BuildKit (Docker Compose v2 and `docker build` use it by default): cache mounts, heredocs.

# ---- build: compile and package with the Maven wrapper on a full JDK -----------------------
# eclipse-temurin:25-jdk (Ubuntu noble); digest as published, see README.md ("With Docker")
FROM eclipse-temurin:25-jdk@sha256:201fbb8886b2d273218aa3a192f0afbf7b5ff65ee8cc6ef47f5dce2171f013ea AS build
WORKDIR /build

# Dependencies first: this layer is rebuilt only when the pom or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline

COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests package

# Split the jar into the four layers of its layers.idx (dependencies, spring-boot-loader,
# snapshot-dependencies, application): <layer>/lib/*.jar and application/fanout-lab.jar, whose
# manifest class path points at lib/. This jar-on-jars form is the one the AOT cache needs
# (classes in directories, as --launcher would give, cannot be cached).
RUN java -Djarmode=tools -jar target/fanout-lab.jar extract --layers --destination extracted

# ---- runtime: JRE only, non-root ----------------------------------------------------------
# eclipse-temurin:25-jre (Ubuntu noble); digest as published, see README.md ("With Docker")
FROM eclipse-temurin:25-jre@sha256:681c543d6f36c50f45e9b5226930a46203dcfa351d3670e9d0bdf0dabae53539
WORKDIR /app

RUN groupadd --system --gid 10001 lab \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin lab

# Least to most often changed, so a code change re-ships only the small last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# AOT cache (JEP 483/514): one training run per role, stopped right after the context refresh
# (-Dspring.context.exit=onRefresh), records the classes it loaded and linked. Measured on the
# extracted jar: downstream and reactive start 2-3x faster (median 7.7 s -> 2.7 s and
# 8.4 s -> 2.5 s on a loaded 2-core machine). No database exists at build time, so
# the training runs skip Flyway and point the pools at a closed port; a role whose training run
# fails simply starts without a cache (run.sh checks). The caches add about 80 MB per role
# (about 20 MB compressed each): build with --build-arg AOT_CACHE=false to leave them out.
ARG AOT_CACHE=true
RUN mkdir aot && if [ "$AOT_CACHE" = true ]; then for role in downstream reactive blocking virtual; do \
      LAB_DB_HOST=127.0.0.1 LAB_DB_PORT=1 java -XX:AOTCacheOutput=aot/$role.aot \
        -Dspring.context.exit=onRefresh -jar /app/fanout-lab.jar $role --spring.flyway.enabled=false \
        > aot/$role.log 2>&1 \
      || { echo "no AOT cache for $role:"; tail -n 20 aot/$role.log; rm -f aot/$role.aot; }; \
    done; rm -f aot/*.log; fi

# Entrypoint: the role's AOT cache when there is one (a cache is only valid for its own role's
# training; a missing one would make the JVM print errors).
COPY --chmod=0755 <<'EOF' /app/run.sh
#!/bin/sh
set -eu
cache="/app/aot/${1:-none}.aot"
if [ -f "$cache" ]; then
  exec java -XX:AOTCache="$cache" -jar /app/fanout-lab.jar "$@"
fi
exec java -jar /app/fanout-lab.jar "$@"
EOF

# Health: readiness of the role PID 1 runs. The temurin JRE image has no curl and no wget (its
# Dockerfile installs wget only to fetch the JDK, then purges it), so the probe is plain HTTP
# over bash's /dev/tcp. The long start period covers Flyway seeding the database while four
# JVMs start at once; the container turns healthy at the first successful probe anyway.
COPY --chmod=0755 <<'EOF' /app/healthcheck.sh
#!/bin/bash
set -u
role=$(tr '\0' '\n' < /proc/1/cmdline | grep -x -A1 /app/fanout-lab.jar | tail -n 1)
case "$role" in
  downstream) port=${LAB_DOWNSTREAM_PORT:-8090} ;;
  reactive) port=${LAB_REACTIVE_PORT:-8081} ;;
  blocking) port=${LAB_BLOCKING_PORT:-8082} ;;
  virtual) port=${LAB_VIRTUAL_PORT:-8083} ;;
  *) exit 0 ;; # the lab role serves nothing itself
esac
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
EOF

USER 10001:10001

# Container-aware heap: a share of the container's memory limit, not of the host's.
# docker-compose.yml sets the full JAVA_TOOL_OPTIONS per service (adds ActiveProcessorCount).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

EXPOSE 8090 8081 8082 8083
HEALTHCHECK --interval=5s --timeout=6s --start-period=120s --retries=5 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/run.sh"]
CMD ["reactive"]
