ALTER TYPE "public"."custom_env_status" ADD VALUE 'queued';--> statement-breakpoint
ALTER TYPE "public"."custom_env_status" ADD VALUE 'running';