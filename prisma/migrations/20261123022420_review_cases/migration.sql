-- CreateTable
CREATE TABLE "review_case" (
    "id" TEXT NOT NULL,
    "partnership_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "notifying_body" TEXT NOT NULL,
    "notified_on" DATE NOT NULL,
    "coordinator_email" TEXT NOT NULL,
    "rules_id" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "access_roles" TEXT[],
    "stage" TEXT NOT NULL,
    "decision_due" DATE NOT NULL,
    "review" BOOLEAN,
    "decided_on" DATE,
    "decision_reasons" TEXT,
    "home_office_notified_on" DATE,
    "chair" TEXT,
    "panel_appointed_on" DATE,
    "statutory_completion_due" DATE,
    "agreed_completion_due" DATE,
    "days_paused" INTEGER NOT NULL DEFAULT 0,
    "paused_on" DATE,
    "pause_reason" TEXT,
    "extension_reason" TEXT,
    "overview_completed_on" DATE,
    "qa_submissions" INTEGER NOT NULL DEFAULT 0,
    "qa_returns" INTEGER NOT NULL DEFAULT 0,
    "approved_on" DATE,
    "published_on" DATE,
    "publication_url" TEXT,
    "commissioner_copy_due" DATE,
    "commissioner_copy_sent_on" DATE,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "review_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_agency" (
    "case_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "requested_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "received_on" DATE,

    CONSTRAINT "review_agency_pkey" PRIMARY KEY ("case_id","agency_id")
);

-- CreateTable
CREATE TABLE "review_step" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" DATE,
    "detail" JSONB NOT NULL,
    "by" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_step_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_case_stage_idx" ON "review_case"("stage");

-- CreateIndex
CREATE UNIQUE INDEX "review_case_partnership_id_reference_key" ON "review_case"("partnership_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "review_step_idempotency_key_key" ON "review_step"("idempotency_key");

-- CreateIndex
CREATE INDEX "review_step_case_id_recorded_at_idx" ON "review_step"("case_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "review_case" ADD CONSTRAINT "review_case_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_agency" ADD CONSTRAINT "review_agency_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "review_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_step" ADD CONSTRAINT "review_step_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "review_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
