-- CreateEnum
CREATE TYPE "meeting_status" AS ENUM ('scheduled', 'held', 'cancelled');

-- CreateTable
CREATE TABLE "meeting" (
    "id" TEXT NOT NULL,
    "body_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "start_date" DATE NOT NULL,
    "start_time" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "secretary_email" TEXT NOT NULL,
    "key_decision" BOOLEAN NOT NULL,
    "report_clear_days" INTEGER NOT NULL,
    "minutes_working_days" INTEGER NOT NULL,
    "status" "meeting_status" NOT NULL DEFAULT 'scheduled',
    "status_reason" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "held_on" DATE,
    "scrutiny_outcome" TEXT,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_invitee" (
    "meeting_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,

    CONSTRAINT "meeting_invitee_pkey" PRIMARY KEY ("meeting_id","email")
);

-- CreateTable
CREATE TABLE "meeting_deadline" (
    "meeting_id" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "due_time" TEXT,
    "rule_citation" TEXT NOT NULL,
    "rule_url" TEXT,
    "rule_confidence" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "met_on" DATE,
    "evidence" TEXT,

    CONSTRAINT "meeting_deadline_pkey" PRIMARY KEY ("meeting_id","clock")
);

-- CreateTable
CREATE TABLE "meeting_attendance" (
    "id" UUID NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "status" TEXT NOT NULL,
    "role" TEXT,

    CONSTRAINT "meeting_attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_declaration" (
    "id" UUID NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "interest" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "meeting_declaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_decision" (
    "id" UUID NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "item" TEXT,
    "text" TEXT NOT NULL,
    "key" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "meeting_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_recommendation" (
    "id" UUID NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "owner_email" TEXT,
    "due_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "meeting_body_id_starts_at_idx" ON "meeting"("body_id", "starts_at");

-- CreateIndex
CREATE INDEX "meeting_deadline_due_on_idx" ON "meeting_deadline"("due_on");

-- CreateIndex
CREATE INDEX "meeting_attendance_meeting_id_idx" ON "meeting_attendance"("meeting_id");

-- CreateIndex
CREATE INDEX "meeting_declaration_meeting_id_idx" ON "meeting_declaration"("meeting_id");

-- CreateIndex
CREATE INDEX "meeting_decision_meeting_id_idx" ON "meeting_decision"("meeting_id");

-- CreateIndex
CREATE INDEX "meeting_recommendation_meeting_id_idx" ON "meeting_recommendation"("meeting_id");

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_invitee" ADD CONSTRAINT "meeting_invitee_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_deadline" ADD CONSTRAINT "meeting_deadline_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_declaration" ADD CONSTRAINT "meeting_declaration_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_recommendation" ADD CONSTRAINT "meeting_recommendation_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
