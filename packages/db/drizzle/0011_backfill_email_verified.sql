-- Hand-written (drizzle-kit generate --custom): accounts that existed before email verification (migration
-- 0009) signed up under the old rules, which granted roster seats at sign-up; they count as verified, so
-- they keep signing in. Accounts created from here on verify their address by the mailed link.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
