CREATE TYPE "public"."artifact_format" AS ENUM('tfjs-layers', 'onnx', 'js-agent', 'checks');--> statement-breakpoint
CREATE TYPE "public"."assignment_kind" AS ENUM('agent', 'checks');--> statement-breakpoint
CREATE TYPE "public"."course_role" AS ENUM('student', 'ta', 'instructor');--> statement-breakpoint
CREATE TYPE "public"."evaluation_split" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TYPE "public"."failure_class" AS ENUM('invalid_artifact', 'runtime_error', 'time_limit', 'memory_limit', 'invalid_action', 'platform_error');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'done', 'dead');--> statement-breakpoint
CREATE TYPE "public"."leaderboard_visibility" AS ENUM('public', 'after_due', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_hash_hex" CHECK ("api_tokens"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"course_id" uuid,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_hash_hex" CHECK ("sessions"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"kind" "assignment_kind" NOT NULL,
	"env_id" text,
	"public_episodes" integer DEFAULT 0 NOT NULL,
	"private_episodes" integer DEFAULT 0 NOT NULL,
	"seed_salt" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_artifact_bytes" bigint DEFAULT 50000000 NOT NULL,
	"max_daily_submissions" integer DEFAULT 5 NOT NULL,
	"wall_time_ms" integer DEFAULT 600000 NOT NULL,
	"act_time_ms" integer DEFAULT 50 NOT NULL,
	"memory_mb" integer DEFAULT 512 NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"late_until" timestamp with time zone,
	"late_penalty" double precision DEFAULT 0 NOT NULL,
	"leaderboard_visibility" "leaderboard_visibility" DEFAULT 'public' NOT NULL,
	"private_released_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_course_slug_unique" UNIQUE("course_id","slug"),
	CONSTRAINT "assignments_agent_has_env" CHECK ("assignments"."kind" <> 'agent' or "assignments"."env_id" is not null),
	CONSTRAINT "assignments_episodes_nonneg" CHECK ("assignments"."public_episodes" >= 0 and "assignments"."private_episodes" >= 0),
	CONSTRAINT "assignments_limits_positive" CHECK ("assignments"."max_artifact_bytes" > 0 and "assignments"."max_daily_submissions" > 0 and "assignments"."wall_time_ms" > 0 and "assignments"."act_time_ms" > 0 and "assignments"."memory_mb" > 0),
	CONSTRAINT "assignments_dates_ordered" CHECK ("assignments"."opens_at" <= "assignments"."due_at" and ("assignments"."late_until" is null or "assignments"."late_until" >= "assignments"."due_at")),
	CONSTRAINT "assignments_late_penalty_range" CHECK ("assignments"."late_penalty" >= 0 and "assignments"."late_penalty" <= 1)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"submission_id" uuid,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lock_token" uuid,
	"locked_by" text,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_attempts_range" CHECK ("jobs"."max_attempts" >= 1 and "jobs"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"course_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "course_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_pk" PRIMARY KEY("course_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_pk" PRIMARY KEY("team_id","user_id"),
	CONSTRAINT "team_members_one_team_per_course" UNIQUE("course_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_course_name_unique" UNIQUE("course_id","name"),
	CONSTRAINT "teams_id_course_unique" UNIQUE("id","course_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email") and position('@' in "users"."email") > 1)
);
--> statement-breakpoint
CREATE TABLE "check_results" (
	"evaluation_id" uuid NOT NULL,
	"check" text NOT NULL,
	"case_index" integer NOT NULL,
	"visible" boolean NOT NULL,
	"passed" boolean NOT NULL,
	"input" jsonb,
	"expected" jsonb,
	"got" jsonb,
	"tolerance" double precision,
	"message" text,
	"points" double precision NOT NULL,
	"max_points" double precision NOT NULL,
	CONSTRAINT "check_results_pk" PRIMARY KEY("evaluation_id","check","case_index"),
	CONSTRAINT "check_results_points_range" CHECK ("check_results"."points" >= 0 and "check_results"."points" <= "check_results"."max_points")
);
--> statement-breakpoint
CREATE TABLE "episodes" (
	"evaluation_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"seed" bigint NOT NULL,
	"return" double precision NOT NULL,
	"length" integer NOT NULL,
	"terminated" boolean NOT NULL,
	"truncated" boolean NOT NULL,
	"trajectory_key" text,
	CONSTRAINT "episodes_pk" PRIMARY KEY("evaluation_id","index"),
	CONSTRAINT "episodes_seed_uint32" CHECK ("episodes"."seed" >= 0 and "episodes"."seed" <= 4294967295),
	CONSTRAINT "episodes_length_nonneg" CHECK ("episodes"."length" >= 0)
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"split" "evaluation_split" NOT NULL,
	"n" integer NOT NULL,
	"mean" double precision NOT NULL,
	"std" double precision NOT NULL,
	"ci_low" double precision NOT NULL,
	"ci_high" double precision NOT NULL,
	"iqm" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"points" double precision,
	"max_points" double precision,
	"grader_version" text NOT NULL,
	"env_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_attempt_split_unique" UNIQUE("submission_id","attempt","split"),
	CONSTRAINT "evaluations_n_nonneg" CHECK ("evaluations"."n" >= 0),
	CONSTRAINT "evaluations_ci_ordered" CHECK ("evaluations"."ci_low" <= "evaluations"."ci_high")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"team_id" uuid,
	"submitted_by" uuid NOT NULL,
	"artifact_sha256" text NOT NULL,
	"artifact_size" bigint NOT NULL,
	"format" "artifact_format" NOT NULL,
	"status" "submission_status" DEFAULT 'queued' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"scored_attempt" integer,
	"is_late" boolean DEFAULT false NOT NULL,
	"selected" boolean DEFAULT false NOT NULL,
	"counts_toward_limit" boolean DEFAULT true NOT NULL,
	"public_score" double precision,
	"private_score" double precision,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"error_class" "failure_class",
	"error_message" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "submissions_sha256_hex" CHECK ("submissions"."artifact_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "submissions_size_nonneg" CHECK ("submissions"."artifact_size" >= 0),
	CONSTRAINT "submissions_attempt_positive" CHECK ("submissions"."attempt" >= 1 and ("submissions"."scored_attempt" is null or "submissions"."scored_attempt" between 1 and "submissions"."attempt")),
	CONSTRAINT "submissions_error_when_failed" CHECK ("submissions"."status" <> 'failed' or "submissions"."error_class" is not null)
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_fk" FOREIGN KEY ("team_id","course_id") REFERENCES "public"."teams"("id","course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_enrollment_fk" FOREIGN KEY ("course_id","user_id") REFERENCES "public"."enrollments"("course_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_results" ADD CONSTRAINT "check_results_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_course_time_idx" ON "audit_log" USING btree ("course_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("queue","priority" DESC NULLS LAST,"id") WHERE "jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("queue","available_at") WHERE "jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "jobs_depth_idx" ON "jobs" USING btree ("queue","status","available_at") WHERE "jobs"."status" in ('queued', 'running', 'dead');--> statement-breakpoint
CREATE INDEX "jobs_submission_idx" ON "jobs" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "enrollments_user_idx" ON "enrollments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "evaluations_assignment_idx" ON "evaluations" USING btree ("assignment_id","split");--> statement-breakpoint
CREATE INDEX "submissions_board_public_idx" ON "submissions" USING btree ("assignment_id","team_id","selected" DESC NULLS LAST,"public_score" DESC NULLS LAST,"submitted_at","id") WHERE "submissions"."public_score" is not null;--> statement-breakpoint
CREATE INDEX "submissions_board_private_idx" ON "submissions" USING btree ("assignment_id","team_id","selected" DESC NULLS LAST,"private_score" DESC NULLS LAST,"submitted_at","id") WHERE "submissions"."private_score" is not null;--> statement-breakpoint
CREATE INDEX "submissions_team_idx" ON "submissions" USING btree ("team_id","submitted_at");--> statement-breakpoint
CREATE INDEX "submissions_owner_day_idx" ON "submissions" USING btree ("assignment_id","submitted_by","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_selected_team" ON "submissions" USING btree ("assignment_id","team_id") WHERE "submissions"."selected" and "submissions"."team_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_selected_user" ON "submissions" USING btree ("assignment_id","submitted_by") WHERE "submissions"."selected" and "submissions"."team_id" is null;