# syntax=docker/dockerfile:1
# Trove Logs as a container: built in stages, run as a non-root user on a read-only root filesystem
# with the data directory as a volume. See README "Deploying".
#   docker build -t trove-logs .
#   docker run --read-only --tmpfs /tmp --tmpfs /app/.next/cache -v trove-logs-data:/data \
#     -p 3000:3000 --stop-timeout 30 trove-logs

ARG NODE_IMAGE=node:20-bookworm-slim

# Dependencies, with the toolchain the native modules (better-sqlite3, re2) build with.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The Next build and the front door's bundle (scripts/start.mjs --prepare); then production modules only.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN node scripts/start.mjs --prepare \
  && rm -rf .next/cache \
  && npm prune --omit=dev --no-audit --no-fund

# What runs: no compiler, no npm cache, nothing writable but the volume and the tmpfs mounts.
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --system --gid 10001 trove-logs \
  && useradd --system --uid 10001 --gid trove-logs --home-dir /nonexistent --shell /usr/sbin/nologin trove-logs \
  && mkdir -p /data /app/.next/cache \
  && chown trove-logs:trove-logs /data /app/.next/cache \
  && chmod 0700 /data
WORKDIR /app
COPY --from=build /app/package.json /app/next.config.mjs ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/public ./public
COPY --from=build /app/.next ./.next
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  TROVE_LOGS_HOST=0.0.0.0 \
  PORT=3000 \
  TROVE_LOGS_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
USER 10001:10001
# /healthz: the process answers. Load balancers should use /readyz (dependencies reachable).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# tini reaps and passes signals on; the server finishes requests in flight (TROVE_LOGS_SHUTDOWN_GRACE).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=1", ".next/trove-logs-server.mjs"]
