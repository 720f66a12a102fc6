-- CreateTable
CREATE TABLE "statutory_process" (
    "id" TEXT NOT NULL,
    "body_id" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "coordinator_email" TEXT NOT NULL,
    "parties" JSONB NOT NULL,
    "cycle" INTEGER NOT NULL,
    "cycle_start" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "current_stage" TEXT,
    "current_due" DATE,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "statutory_process_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "process_stage" (
    "process_id" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "stage_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner_role" TEXT NOT NULL,
    "owner" TEXT,
    "due_on" DATE,
    "due_source" TEXT,
    "completed_on" DATE,
    "outcome" TEXT,
    "evidence" TEXT,

    CONSTRAINT "process_stage_pkey" PRIMARY KEY ("process_id","cycle","stage_id")
);

-- CreateTable
CREATE TABLE "process_response" (
    "process_id" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "stage_id" TEXT NOT NULL,
    "party_id" TEXT NOT NULL,
    "party_name" TEXT NOT NULL,
    "responded_on" DATE,
    "note" TEXT,

    CONSTRAINT "process_response_pkey" PRIMARY KEY ("process_id","cycle","stage_id","party_id")
);

-- CreateTable
CREATE TABLE "process_step" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "process_id" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "stage_id" TEXT,
    "date" DATE,
    "detail" JSONB NOT NULL,
    "by" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "process_step_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "statutory_process_status_idx" ON "statutory_process"("status");

-- CreateIndex
CREATE UNIQUE INDEX "statutory_process_body_id_definition_id_key" ON "statutory_process"("body_id", "definition_id");

-- CreateIndex
CREATE UNIQUE INDEX "process_step_idempotency_key_key" ON "process_step"("idempotency_key");

-- CreateIndex
CREATE INDEX "process_step_process_id_recorded_at_idx" ON "process_step"("process_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "statutory_process" ADD CONSTRAINT "statutory_process_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "process_stage" ADD CONSTRAINT "process_stage_process_id_fkey" FOREIGN KEY ("process_id") REFERENCES "statutory_process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "process_response" ADD CONSTRAINT "process_response_process_id_fkey" FOREIGN KEY ("process_id") REFERENCES "statutory_process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "process_step" ADD CONSTRAINT "process_step_process_id_fkey" FOREIGN KEY ("process_id") REFERENCES "statutory_process"("id") ON DELETE CASCADE ON UPDATE CASCADE;
