-- 家长评价最少份数 The semester evaluation's guardians' part counts only from a county's minimum number of ratings
-- (default 5, 1–200, checked by providers::ValidateEvaluationPolicy): a provider should not be warned, or exited on a
-- second warning, because two parents gave one star. With fewer it is left out like a part without data and its
-- weight spread over the others. Schools' ratings and spot checks count from one (official acts).
ALTER TABLE pv_settings ADD COLUMN min_guardian_ratings INTEGER NOT NULL DEFAULT 5;
-- A closed semester's stored evaluation keeps why its guardians' part is missing, and the minimum in force at the
-- close (a county may change it later). Rows closed before this migration have FALSE and NULL: no minimum then.
ALTER TABLE pv_evaluation ADD COLUMN guardians_too_few BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE pv_evaluation ADD COLUMN min_guardian_ratings INTEGER;
