# The engine's image: one build, run as the worker or the API (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run prisma:generate
USER node
# all | worker | api
ENTRYPOINT ["node", "--import", "tsx", "src/main.ts"]
CMD ["all"]
