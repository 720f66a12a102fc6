-- CreateEnum
CREATE TYPE "body_kind" AS ENUM ('council', 'community_safety_partnership', 'board', 'committee', 'panel');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('active', 'paused', 'ended');

-- CreateEnum
CREATE TYPE "occurrence_status" AS ENUM ('open', 'met', 'met_late', 'missed', 'not_required');

-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "assignment_id" TEXT,
ADD COLUMN     "occurrence_id" UUID,
ADD COLUMN     "step" TEXT;

-- CreateTable
CREATE TABLE "body" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "body_kind" NOT NULL,
    "parent_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "body_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "person_id" UUID NOT NULL,
    "body_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("person_id","body_id","role")
);

-- CreateTable
CREATE TABLE "assignment" (
    "id" TEXT NOT NULL,
    "duty_id" TEXT NOT NULL,
    "body_id" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "manager_id" UUID,
    "chair_id" UUID,
    "anchor_date" DATE NOT NULL,
    "status" "assignment_status" NOT NULL DEFAULT 'active',
    "status_reason" TEXT,
    "workflow_id" TEXT NOT NULL,
    "live_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occurrence" (
    "id" UUID NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "opens_on" DATE NOT NULL,
    "statutory_due" DATE NOT NULL,
    "due_time" TEXT,
    "agreed_due" DATE,
    "agreed_due_reason" TEXT,
    "due_on" DATE NOT NULL,
    "status" "occurrence_status" NOT NULL DEFAULT 'open',
    "met_on" DATE,
    "evidence" TEXT,
    "notes" TEXT,
    "recorded_by" TEXT,
    "recorded_at" TIMESTAMPTZ(3),
    "rule_id" TEXT,
    "rule_citation" TEXT,
    "rule_url" TEXT,
    "rule_confidence" TEXT,
    "due_explanation" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "occurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotent_request" (
    "route" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotent_request_pkey" PRIMARY KEY ("route","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "person_email_key" ON "person"("email");

-- CreateIndex
CREATE INDEX "membership_body_id_role_idx" ON "membership"("body_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "assignment_live_key_key" ON "assignment"("live_key");

-- CreateIndex
CREATE INDEX "assignment_body_id_duty_id_idx" ON "assignment"("body_id", "duty_id");

-- CreateIndex
CREATE INDEX "assignment_owner_id_idx" ON "assignment"("owner_id");

-- CreateIndex
CREATE INDEX "occurrence_status_due_on_idx" ON "occurrence"("status", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "occurrence_assignment_id_sequence_key" ON "occurrence"("assignment_id", "sequence");

-- CreateIndex
CREATE INDEX "outbox_message_assignment_id_idx" ON "outbox_message"("assignment_id");

-- CreateIndex
CREATE INDEX "outbox_message_occurrence_id_idx" ON "outbox_message"("occurrence_id");

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_occurrence_id_fkey" FOREIGN KEY ("occurrence_id") REFERENCES "occurrence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "body" ADD CONSTRAINT "body_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "body"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_chair_id_fkey" FOREIGN KEY ("chair_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "occurrence" ADD CONSTRAINT "occurrence_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
