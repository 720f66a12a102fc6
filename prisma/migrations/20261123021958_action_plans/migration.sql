-- CreateEnum
CREATE TYPE "action_source" AS ENUM ('review', 'strategy', 'meeting', 'agreement', 'other');

-- CreateEnum
CREATE TYPE "action_status" AS ENUM ('open', 'done', 'dropped');

-- AlterTable
ALTER TABLE "body" ADD COLUMN     "action_at_risk_days" INTEGER NOT NULL DEFAULT 14;

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "manager_id" UUID;

-- CreateTable
CREATE TABLE "action" (
    "id" TEXT NOT NULL,
    "body_id" TEXT NOT NULL,
    "source" "action_source" NOT NULL,
    "source_ref" TEXT,
    "title" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "due_on" DATE NOT NULL,
    "status" "action_status" NOT NULL DEFAULT 'open',
    "evidence" TEXT,
    "done_on" DATE,
    "workflow_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_note" (
    "id" UUID NOT NULL,
    "action_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "action_body_id_status_due_on_idx" ON "action"("body_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "action_owner_id_status_due_on_idx" ON "action"("owner_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "action_note_action_id_created_at_idx" ON "action_note"("action_id", "created_at");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action" ADD CONSTRAINT "action_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action" ADD CONSTRAINT "action_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_note" ADD CONSTRAINT "action_note_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE CASCADE;
