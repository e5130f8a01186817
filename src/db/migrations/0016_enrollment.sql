-- 易入学 One-ID enrollment (issue 8; RULES R5.1–R5.7, R4.3): a county's season (year, entry grade, policy as
-- JSON, the lottery's commitment), catchments as community-code sets, seat plans, the departments' confirmed
-- snapshots, the families' applications with their dossiers, every pull with its legal basis and the fields it
-- read, the uploads and the reviewers' decisions, the run's placements and the appeals.
-- Identity numbers appear only sealed, masked and as keyed look-up hashes.

-- 招生季 A county's enrollment of one year into grade 1 or grade 7. The policy is the county's configuration
-- (policy_json.hpp). The lottery's seed is committed when the season is created and revealed by the run (R5.7).
-- status: open (families apply) → closed (no new applications) → admitted (the run is made, the county checks
-- it) → published (notices and the public list are out).
CREATE TABLE en_season (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    entry_grade INTEGER NOT NULL,
    title TEXT NOT NULL,
    policy_json TEXT NOT NULL,
    status TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    seed_commitment TEXT NOT NULL,
    seed TEXT NOT NULL,
    seed_revealed BOOLEAN NOT NULL DEFAULT FALSE,
    run_at TEXT,
    run_by BIGINT REFERENCES auth_user (id),
    input_digest TEXT,
    result_digest TEXT,
    published_at TEXT,
    created_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_en_season UNIQUE (unit_code, year, entry_grade),
    CONSTRAINT ck_en_season_grade CHECK (entry_grade IN (1, 7)),
    CONSTRAINT ck_en_season_status CHECK (status IN ('open', 'closed', 'admitted', 'published')),
    CONSTRAINT ck_en_season_dates CHECK (opens_on <= closes_on)
);

-- 招生计划 A school's seats for the season's entry grade; `nearby` lists the public schools its surplus is offered
-- to by the county (统筹安排), nearest first, as space-separated school ids.
CREATE TABLE en_seat_plan (
    season_id BIGINT NOT NULL REFERENCES en_season (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    seats INTEGER NOT NULL,
    is_private BOOLEAN NOT NULL,
    nearby TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (season_id, school_id),
    CONSTRAINT ck_en_seats CHECK (seats >= 0)
);

-- 学区划片 A school's catchment: its community codes (R5.2). A code listed for several schools of a season is a
-- multi-school catchment.
CREATE TABLE en_catchment (
    season_id BIGINT NOT NULL REFERENCES en_season (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    community_code TEXT NOT NULL,
    PRIMARY KEY (season_id, school_id, community_code)
);
CREATE INDEX ix_en_catchment_code ON en_catchment (season_id, community_code);

-- 部门数据快照 A department's confirmed batch export; the newest date answers queries, every version stays for
-- audit. Records keep only the schema's fields (source_records.hpp) keyed by the person's look-up hash.
CREATE TABLE en_source_snapshot (
    id {{pk}},
    department TEXT NOT NULL,
    snapshot_date TEXT NOT NULL,
    records INTEGER NOT NULL,
    bad_rows INTEGER NOT NULL,
    confirmed_by BIGINT REFERENCES auth_user (id),
    confirmed_at TEXT NOT NULL,
    CONSTRAINT uq_en_snapshot UNIQUE (department, snapshot_date),
    CONSTRAINT ck_en_snapshot_dept CHECK (department IN ('household', 'property', 'insurance', 'permit', 'birth',
                                                         'student'))
);

CREATE TABLE en_source_record (
    snapshot_id BIGINT NOT NULL REFERENCES en_source_snapshot (id),
    person_hash TEXT NOT NULL,
    position INTEGER NOT NULL,
    record_json TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, person_hash, position)
);

-- 入学申请 One child's application in a season, made by a logged-in guardian with the child's identity number.
-- org_path is the catchment school's path once the dossier points to one, else the county's: a school sees and
-- reviews only its own applicants. The dossier (facts, provenance, each source's state) is JSON of the rule
-- facts only. status: awaiting_upload → in_review → qualified | rejected; qualified at once when no upload was
-- needed (one_click). The ranking keys are copied out of the dossier for the run and the lists.
CREATE TABLE en_application (
    id {{pk}},
    season_id BIGINT NOT NULL REFERENCES en_season (id),
    org_path TEXT NOT NULL,
    child_name TEXT NOT NULL,
    child_id_sealed {{blob}} NOT NULL,
    child_id_hash TEXT NOT NULL,
    child_id_masked TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    guardian_id BIGINT NOT NULL REFERENCES org_guardian (id),
    relation TEXT NOT NULL,
    applicant_id_hash TEXT NOT NULL,
    declarations_json TEXT NOT NULL,
    preferred_school_id BIGINT REFERENCES org_school (id),
    private_school_id BIGINT REFERENCES org_school (id),
    catchment_school_id BIGINT REFERENCES org_school (id),
    category_index INTEGER,
    category_name TEXT,
    hukou_move_in TEXT,
    certificate_date TEXT,
    points_tenths INTEGER NOT NULL DEFAULT 0,
    in_county BOOLEAN NOT NULL,
    dossier_json TEXT NOT NULL,
    status TEXT NOT NULL,
    one_click BOOLEAN NOT NULL,
    submitted_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by BIGINT REFERENCES auth_user (id),
    decision_note TEXT,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_en_application_child UNIQUE (season_id, child_id_hash),
    CONSTRAINT ck_en_application_status CHECK (status IN ('awaiting_upload', 'in_review', 'qualified', 'rejected',
                                                         'withdrawn')),
    CONSTRAINT ck_en_application_relation CHECK (relation IN ('father', 'mother'))
);
CREATE INDEX ix_en_application_path ON en_application (season_id, org_path);
CREATE INDEX ix_en_application_guardian ON en_application (guardian_id);

-- 数据调取记录 Every pull of a department's data (R4.3, PIPL Art. 13(1)(iii), 34): the legal basis, the fields read,
-- what came back and who caused it. Kept with the application for audit.
CREATE TABLE en_pull_log (
    id {{pk}},
    application_id BIGINT NOT NULL REFERENCES en_application (id),
    department TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    synced_at TEXT,
    legal_basis TEXT NOT NULL,
    fields_read TEXT NOT NULL,
    pulled_by BIGINT REFERENCES auth_user (id),
    pulled_at TEXT NOT NULL
);
CREATE INDEX ix_en_pull_log_app ON en_pull_log (application_id);

-- 上传材料 A photo or PDF the family uploads for a source that failed, for manual review.
CREATE TABLE en_upload (
    id {{pk}},
    application_id BIGINT NOT NULL REFERENCES en_application (id),
    department TEXT NOT NULL,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content {{blob}} NOT NULL,
    uploaded_by BIGINT REFERENCES auth_user (id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX ix_en_upload_app ON en_upload (application_id, department);

-- 人工审核 A reviewer's decision on one source: accepted with the records read off the paper (the department's
-- schema fields), or returned with a note for the family to upload again.
CREATE TABLE en_review (
    id {{pk}},
    application_id BIGINT NOT NULL REFERENCES en_application (id),
    department TEXT NOT NULL,
    decision TEXT NOT NULL,
    records_json TEXT,
    note TEXT,
    decided_by BIGINT NOT NULL REFERENCES auth_user (id),
    decided_at TEXT NOT NULL,
    CONSTRAINT ck_en_review_decision CHECK (decision IN ('accepted', 'returned'))
);
CREATE INDEX ix_en_review_app ON en_review (application_id, department);

-- 录取结果 The run's outcome per application: the school (NULL: left for the county), how, the rank in that
-- school's list and the lottery draw as shown ("0.8123"). A county's manual placement replaces the row.
CREATE TABLE en_placement (
    application_id BIGINT PRIMARY KEY REFERENCES en_application (id),
    season_id BIGINT NOT NULL REFERENCES en_season (id),
    school_id BIGINT REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    placed_by TEXT NOT NULL,
    rank_in_school INTEGER NOT NULL,
    draw TEXT NOT NULL,
    placed_at TEXT NOT NULL,
    CONSTRAINT ck_en_placed_by CHECK (placed_by IN ('private_lottery', 'catchment', 'county_placed', 'unplaced',
                                                   'county_manual'))
);
CREATE INDEX ix_en_placement_season ON en_placement (season_id, school_id);

-- 申诉 A family's appeal of a review decision or a placement; the county answers it.
CREATE TABLE en_appeal (
    id {{pk}},
    application_id BIGINT NOT NULL REFERENCES en_application (id),
    season_id BIGINT NOT NULL REFERENCES en_season (id),
    org_path TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    reply TEXT,
    created_by BIGINT NOT NULL REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    decided_by BIGINT REFERENCES auth_user (id),
    decided_at TEXT,
    CONSTRAINT ck_en_appeal_status CHECK (status IN ('open', 'upheld', 'dismissed'))
);
CREATE INDEX ix_en_appeal_season ON en_appeal (season_id, status);
