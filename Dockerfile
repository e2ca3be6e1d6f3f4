# One image for every Roster process: the API (what `pnpm start` runs) and the import worker
# (`pnpm roster worker`). docker-compose.yml shows them scaled out on one PostgreSQL.
FROM node:20-bookworm-slim

RUN npm install -g pnpm@12.4.2
ENV TURBO_TELEMETRY_DISABLED=1
WORKDIR /app

# Dependencies first (every workspace manifest, so the frozen lockfile matches): a code change
# does not reinstall them.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/admin/package.json packages/admin/
COPY packages/rest-compat/package.json packages/rest-compat/
COPY packages/schema/package.json packages/schema/
COPY packages/server/package.json packages/server/
COPY test/package.json test/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile

# The admin, built once here (as the first step of `pnpm start` does) rather than at each start.
COPY . .
RUN pnpm exec turbo run build --filter=@roster/admin --output-logs=errors-only

# In a container the server must listen on every interface, not on 127.0.0.1.
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
# `node --import tsx` is the one process `pnpm start` ends up running: without pnpm and tsx's
# wrapper processes in between, `docker stop`'s SIGTERM reaches Roster, which drains and exits.
CMD ["node", "--import", "tsx", "packages/server/src/main.ts"]
