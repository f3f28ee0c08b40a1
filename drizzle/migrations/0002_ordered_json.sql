ALTER TABLE "runs" ALTER COLUMN "input" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "runs" ALTER COLUMN "output" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "runs" ALTER COLUMN "trace" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "runs" ALTER COLUMN "assignments" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "workflow_versions" ALTER COLUMN "graph" SET DATA TYPE json;