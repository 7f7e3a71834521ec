ALTER TABLE "submissions" ADD COLUMN "private_console_output" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "error_in_private" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_private_console_output_bounded" CHECK (octet_length("submissions"."private_console_output") <= 65536);