CREATE TYPE "public"."custom_env_status" AS ENUM('checking', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."score_direction" AS ENUM('maximize', 'minimize');--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_hits_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "roster_invitations" (
	"course_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role" "course_role" DEFAULT 'student' NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roster_invitations_pk" PRIMARY KEY("course_id","email"),
	CONSTRAINT "roster_invitations_email_lower" CHECK ("roster_invitations"."email" = lower("roster_invitations"."email"))
);
--> statement-breakpoint
CREATE TABLE "custom_envs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"team_id" uuid,
	"env_id" text NOT NULL,
	"source_sha256" text NOT NULL,
	"status" "custom_env_status" DEFAULT 'checking' NOT NULL,
	"report" jsonb,
	"max_episode_steps" integer,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_envs_course_env_unique" UNIQUE("course_id","env_id"),
	CONSTRAINT "custom_envs_sha256_hex" CHECK ("custom_envs"."source_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "custom_envs_env_id_prefix" CHECK ("custom_envs"."env_id" ~ '^custom/[A-Za-z0-9_.-]{1,64}$')
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"env_id" text NOT NULL,
	"custom_env_id" uuid,
	"direction" "score_direction" DEFAULT 'maximize' NOT NULL,
	"status" "project_status" DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"assignment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_assignment_unique" UNIQUE("assignment_id"),
	CONSTRAINT "projects_one_per_team" UNIQUE("team_id"),
	CONSTRAINT "projects_approved_has_assignment" CHECK ("projects"."status" <> 'approved' or "projects"."assignment_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "custom_env_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "score_direction" "score_direction" DEFAULT 'maximize' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "join_code" text DEFAULT upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)) NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "max_team_size" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "invite_code" text DEFAULT upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)) NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "baseline" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "learning_curve" jsonb;--> statement-breakpoint
ALTER TABLE "roster_invitations" ADD CONSTRAINT "roster_invitations_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_envs" ADD CONSTRAINT "custom_envs_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_envs" ADD CONSTRAINT "custom_envs_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_envs" ADD CONSTRAINT "custom_envs_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_custom_env_id_custom_envs_id_fk" FOREIGN KEY ("custom_env_id") REFERENCES "public"."custom_envs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_invitations_email_idx" ON "roster_invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "projects_course_idx" ON "projects" USING btree ("course_id","status");--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_custom_env_id_custom_envs_id_fk" FOREIGN KEY ("custom_env_id") REFERENCES "public"."custom_envs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submissions_baseline_idx" ON "submissions" USING btree ("assignment_id","baseline") WHERE "submissions"."baseline" is not null;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_join_code_unique" UNIQUE("join_code");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_invite_code_unique" UNIQUE("invite_code");--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_team_size_range" CHECK ("courses"."max_team_size" between 1 and 50);--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_baseline_has_no_team" CHECK ("submissions"."baseline" is null or "submissions"."team_id" is null);