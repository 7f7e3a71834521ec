ALTER TABLE "assignments" ADD COLUMN "env_options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "custom_envs" ADD COLUMN "language" text DEFAULT 'js' NOT NULL;