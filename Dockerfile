# syntax=docker/dockerfile:1
# Build stage: the same commands CI runs (.ci/run: `npm ci`; `npm run build:dist` as in `npm run test:e2e`).
# The package has no install-time build script (a git or tarball install must not need devDependencies).
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
RUN npm ci --no-audit --no-fund && npm run build:dist

# Runtime: production dependencies only (no TypeScript, no Jest), non-root, listening on all interfaces.
FROM node:22-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_FORMAT=json
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency's install script is needed at run time; dist/ comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY app.yml ./
USER node
EXPOSE 3000
# Liveness: GET /healthz (src/server/health-handler.ts). The worker service (node dist/worker.js) serves no HTTP:
# docker-compose.yml gives it a healthcheck of its own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec form: node is PID 1 and receives SIGTERM itself (graceful shutdown in src/main.ts).
CMD ["node", "dist/main.js"]
