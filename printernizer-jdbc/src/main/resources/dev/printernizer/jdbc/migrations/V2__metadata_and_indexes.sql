-- Schema version 2: the auto-creation metadata as JSON, and indexes for history queries.
ALTER TABLE printernizer_jobs ADD COLUMN auto_metadata ${JSON};
CREATE INDEX printernizer_jobs_created ON printernizer_jobs (created_at, id);
CREATE INDEX printernizer_jobs_printer_created ON printernizer_jobs (printer_id, created_at);
CREATE INDEX printernizer_jobs_status ON printernizer_jobs (status, created_at);
