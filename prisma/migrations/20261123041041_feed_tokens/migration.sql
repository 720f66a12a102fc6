-- CreateEnum
CREATE TYPE "feed_kind" AS ENUM ('person', 'body');

-- CreateTable
CREATE TABLE "feed_token" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "kind" "feed_kind" NOT NULL,
    "person_id" UUID NOT NULL,
    "body_id" TEXT,
    "label" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "feed_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "feed_token_token_hash_key" ON "feed_token"("token_hash");

-- CreateIndex
CREATE INDEX "feed_token_person_id_idx" ON "feed_token"("person_id");

-- AddForeignKey
ALTER TABLE "feed_token" ADD CONSTRAINT "feed_token_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_token" ADD CONSTRAINT "feed_token_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE CASCADE;
