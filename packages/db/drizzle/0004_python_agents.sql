ALTER TYPE "public"."artifact_format" ADD VALUE 'python-agent';--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "runtime_version" text;