-- Schema version 4: accounting. A job's cost, fixed when it closed, with the rates it was
-- computed with: cost_currency is set once a cost is stored; the amounts and figures are columns
-- for statistics; cost_detail keeps the rates and the charge per slot (see CostColumns).
-- And what statistics add up: used_grams (the filament a closed job used; NULL while open or not
-- yet derived), the filament per material of each closed job (see MaterialRows), the job's time
-- for statistics (its start, else its creation) with an index, and the running totals per
-- printer, status, origin, currency and UTC month, and per material (see Rollups); the store
-- fills the totals from the jobs at its first start on this version.
ALTER TABLE printernizer_jobs ADD COLUMN cost_currency VARCHAR(3);
ALTER TABLE printernizer_jobs ADD COLUMN cost_total DECIMAL(19,4);
ALTER TABLE printernizer_jobs ADD COLUMN cost_material DECIMAL(19,4);
ALTER TABLE printernizer_jobs ADD COLUMN cost_energy DECIMAL(19,4);
ALTER TABLE printernizer_jobs ADD COLUMN cost_wear DECIMAL(19,4);
ALTER TABLE printernizer_jobs ADD COLUMN cost_grams ${DOUBLE};
ALTER TABLE printernizer_jobs ADD COLUMN cost_printing_ms BIGINT;
ALTER TABLE printernizer_jobs ADD COLUMN cost_kwh ${DOUBLE};
ALTER TABLE printernizer_jobs ADD COLUMN cost_at BIGINT;
ALTER TABLE printernizer_jobs ADD COLUMN cost_detail ${TEXT};
ALTER TABLE printernizer_jobs ADD COLUMN used_grams ${DOUBLE};
CREATE TABLE printernizer_job_materials (
  job_id      VARCHAR(64)   NOT NULL,
  material    VARCHAR(255)  NOT NULL,
  grams       ${DOUBLE}     NOT NULL,
  cost_amount DECIMAL(19,4),
  PRIMARY KEY (job_id, material)
)${TABLE_OPTIONS};
ALTER TABLE printernizer_jobs ADD COLUMN stat_time BIGINT;
UPDATE printernizer_jobs SET stat_time = COALESCE(start_time, created_at);
CREATE INDEX printernizer_jobs_stat_time ON printernizer_jobs (stat_time);
CREATE TABLE printernizer_job_rollup (
  printer_id   VARCHAR(128)  NOT NULL,
  status       VARCHAR(16)   NOT NULL,
  auto_created ${BOOL}       NOT NULL,
  currency     VARCHAR(3)    NOT NULL,
  month_utc    INTEGER       NOT NULL,
  jobs         BIGINT        NOT NULL,
  printing_ms  BIGINT        NOT NULL,
  mg           BIGINT        NOT NULL,
  micro        BIGINT        NOT NULL,
  PRIMARY KEY (printer_id, status, auto_created, currency, month_utc)
)${TABLE_OPTIONS};
CREATE TABLE printernizer_material_rollup (
  material     VARCHAR(255)  NOT NULL,
  printer_id   VARCHAR(128)  NOT NULL,
  status       VARCHAR(16)   NOT NULL,
  auto_created ${BOOL}       NOT NULL,
  currency     VARCHAR(3)    NOT NULL,
  jobs         BIGINT        NOT NULL,
  mg           BIGINT        NOT NULL,
  micro        BIGINT        NOT NULL,
  priced       BIGINT        NOT NULL,
  PRIMARY KEY (material, printer_id, status, auto_created, currency)
)${TABLE_OPTIONS};
