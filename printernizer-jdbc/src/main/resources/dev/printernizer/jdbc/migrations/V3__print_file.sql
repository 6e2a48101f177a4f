-- Schema version 3: what the print's file says (slicer estimate, filament per slot, slicer,
-- layer height, plate), as a driver read it after the job was created. file_known is TRUE once a
-- description is stored; file_grams is the planned weight over all slots, for statistics.
ALTER TABLE printernizer_jobs ADD COLUMN file_known ${BOOL};
ALTER TABLE printernizer_jobs ADD COLUMN file_estimated_ms BIGINT;
ALTER TABLE printernizer_jobs ADD COLUMN file_slicer VARCHAR(200);
ALTER TABLE printernizer_jobs ADD COLUMN file_layer_height ${DOUBLE};
ALTER TABLE printernizer_jobs ADD COLUMN file_plate INTEGER;
ALTER TABLE printernizer_jobs ADD COLUMN file_grams ${DOUBLE};
ALTER TABLE printernizer_jobs ADD COLUMN file_filaments ${TEXT};
