-- Hand-written (drizzle-kit generate --custom): live status without polling.
-- Every change of a submission row NOTIFYs `critic_submission_status` with the submission's id, and every
-- job that enters, changes status in or leaves a queue NOTIFYs `critic_job_queue` with the queue's name
-- (queue positions of waiting submissions move then). The web app LISTENs on one connection per
-- instance and re-reads only the streams concerned. NOTIFY is delivered at commit, once per distinct
-- payload per transaction.
CREATE OR REPLACE FUNCTION critic_notify_submission_status() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('critic_submission_status', NEW.id::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER submissions_notify_status
  AFTER INSERT OR UPDATE ON submissions
  FOR EACH ROW EXECUTE FUNCTION critic_notify_submission_status();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION critic_notify_job_queue() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('critic_job_queue', OLD.queue);
  ELSE
    PERFORM pg_notify('critic_job_queue', NEW.queue);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER jobs_notify_insert_delete
  AFTER INSERT OR DELETE ON jobs
  FOR EACH ROW EXECUTE FUNCTION critic_notify_job_queue();
--> statement-breakpoint
-- Heartbeats (lease extensions) do not move the queue: only a change of status does.
CREATE TRIGGER jobs_notify_status
  AFTER UPDATE OF status ON jobs
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION critic_notify_job_queue();
