# One image for every role: `chipwatch start --role api|worker|all`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY bin ./bin
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# The shipped config stays in /app/config (the fallback for a classifier.yaml the mounted dir lacks);
# users mount theirs at /etc/chipwatch.
ENV NODE_ENV=production HOST=0.0.0.0 CHIPWATCH_CONFIG_DIR=/etc/chipwatch CHIPWATCH_DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/config ./config
# The default config dir, a copy of the shipped one; mount yours over it.
COPY --from=build /app/config /etc/chipwatch
COPY --from=build /app/package.json ./
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/chipwatch.js"]
CMD ["start"]
