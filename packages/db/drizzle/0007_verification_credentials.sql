ALTER TABLE "email_verifications" ADD COLUMN "password_hash" text;--> statement-breakpoint
ALTER TABLE "email_verifications" ADD COLUMN "name" text;