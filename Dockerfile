# Token Warden on the official Open Liberty image (Java 17, kernel-slim: only the features
# server.xml names are installed). Build the WAR and the server's library folders first:
#   mvn -DskipTests package liberty:create liberty:deploy
#   docker build -t token-warden:0.1.0 .
# The image runs one node against PostgreSQL; configuration comes from the environment (README,
# "Production"). Written and reviewed, not built on the project's own machines (no Docker engine).
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi

ARG SERVER_DIR=target/liberty/wlp/usr/servers/defaultServer

# A container is a fleet node: PostgreSQL, never the embedded H2 file (one node only, and lost with
# the container's file system). The URL, user and password come from the deployment.
ENV TOKENWARDEN_DB_KIND=postgresql

# Server configuration: the same server.xml, jvm.options and database includes as `mvn liberty:run`,
# plus the container's own overrides (persistent timers, JSON console logs).
COPY --chown=1001:0 liberty/server.xml liberty/jvm.options /config/
COPY --chown=1001:0 liberty/db/ /config/db/
COPY --chown=1001:0 deploy/liberty/container.xml /config/configDropins/overrides/container.xml
COPY --chown=1001:0 deploy/liberty/application.xml /config/configDropins/defaults/application.xml

# Hibernate (the JPA provider, loaded through BELL) and the JDBC drivers, as the Maven build laid
# them out with copyDependencies.
COPY --chown=1001:0 ${SERVER_DIR}/lib/ /config/lib/

# Installs the features server.xml and the overrides name (kernel-slim starts with none).
RUN features.sh

COPY --chown=1001:0 target/token-warden.war /config/apps/token-warden.war

# Warms the shared class cache and checks that the server configuration resolves.
RUN configure.sh
