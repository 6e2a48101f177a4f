-- Schema version 5: the picture of a job's print (a PNG the slicer put into the file), kept
-- apart from the jobs so that lists of jobs stay small; the store deletes it with its job.
CREATE TABLE printernizer_thumbnails (
  job_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
  png     ${BLOB}      NOT NULL,
  width   INTEGER      NOT NULL,
  height  INTEGER      NOT NULL
)${TABLE_OPTIONS};
