-- 校外培训监管 Supervision of off-campus training institutions (issue 6; RULES R1.10–R1.16, R3.4–R3.5,
-- R6.1–R6.5): the county's registry, the complaints line, inspection cases with their dossier and
-- evidence, filed schedules, the holiday calendar, and prepaid-fee escrow as an append-only ledger.
-- Every row carries the county's org path ("/370800/370811/"), so one LIKE prefix scopes it.

-- 机构 One training institution as the county registered it.
CREATE TABLE inst_institution (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    -- R3.5: a pilot code failing the checksum is kept only with a recorded reason, who and when.
    credit_override_reason TEXT,
    credit_override_by BIGINT REFERENCES auth_user (id),
    credit_override_at TEXT,
    category TEXT NOT NULL,
    delivery TEXT NOT NULL,
    address TEXT NOT NULL,
    licence_no TEXT,
    licence_date TEXT,
    filing_no TEXT,
    filing_date TEXT,
    nonprofit_reg_no TEXT,
    legal_representative TEXT NOT NULL,
    status TEXT NOT NULL,
    -- R6.3: counted in the frozen pre-双减 baseline (July 2021) of the 压减率.
    in_baseline BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_inst_credit_code UNIQUE (credit_code),
    CONSTRAINT ck_inst_category CHECK (category IN ('subject', 'non_subject_sport', 'non_subject_art', 'non_subject_stem')),
    CONSTRAINT ck_inst_delivery CHECK (delivery IN ('online', 'offline')),
    CONSTRAINT ck_inst_status CHECK (status IN ('operating', 'rectifying', 'suspended', 'closed', 'cancelled'))
);
CREATE INDEX ix_inst_path ON inst_institution (org_path, status);

-- 教学人员 Teaching staff; 学科类 staff need a teacher-qualification number (R1.11).
CREATE TABLE inst_staff (
    id {{pk}},
    institution_id BIGINT NOT NULL REFERENCES inst_institution (id),
    name TEXT NOT NULL,
    teaches_subject BOOLEAN NOT NULL,
    qualification_no TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT ck_inst_staff_qualification CHECK (teaches_subject = FALSE OR qualification_no IS NOT NULL)
);
CREATE INDEX ix_inst_staff_institution ON inst_staff (institution_id);

-- 机构导入 A registry upload waiting for confirmation (the roster flow: preview, then confirm).
CREATE TABLE inst_import (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    created_by BIGINT NOT NULL REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    good_rows INTEGER NOT NULL,
    bad_rows INTEGER NOT NULL,
    payload {{blob}},
    status TEXT NOT NULL DEFAULT 'pending',
    confirmed_at TEXT,
    CONSTRAINT ck_inst_import_status CHECK (status IN ('pending', 'confirmed', 'expired'))
);

-- 节假日 The State Council's holiday arrangement: rest days that are not weekends and weekend days
-- that are working days (调休上班). Editable by the city; R1.11 reads it.
CREATE TABLE inst_calendar_day (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT ck_inst_calendar_kind CHECK (kind IN ('holiday', 'workday'))
);

-- 寒暑假 A county's school vacation windows (R1.11); the city's rows (its own path) apply to every
-- county that has none of its own for that year.
CREATE TABLE inst_vacation (
    id {{pk}},
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    CONSTRAINT ck_inst_vacation_dates CHECK (from_date <= to_date)
);
CREATE INDEX ix_inst_vacation_path ON inst_vacation (org_path, from_date);

-- 课表 A schedule an institution filed, and its sessions with what the rule checks found.
CREATE TABLE inst_schedule (
    id {{pk}},
    institution_id BIGINT NOT NULL REFERENCES inst_institution (id),
    org_path TEXT NOT NULL,
    title TEXT NOT NULL,
    filed_by BIGINT REFERENCES auth_user (id),
    filed_at TEXT NOT NULL,
    violations INTEGER NOT NULL
);
CREATE INDEX ix_inst_schedule_institution ON inst_schedule (institution_id, filed_at);

CREATE TABLE inst_schedule_session (
    schedule_id BIGINT NOT NULL REFERENCES inst_schedule (id),
    seq INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    delivery TEXT NOT NULL,
    category TEXT NOT NULL,
    subject TEXT NOT NULL,
    violation_codes TEXT NOT NULL,
    PRIMARY KEY (schedule_id, seq),
    CONSTRAINT ck_inst_session_minutes CHECK (start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440)
);

-- 举报 A complaint from the hotline, the public web form or a letter; anonymous allowed. The
-- complainant's contact is personal data: sealed, masked for lists.
CREATE TABLE inst_complaint (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_at TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    contact_sealed {{blob}},
    contact_masked TEXT,
    institution_id BIGINT REFERENCES inst_institution (id),
    operator_name TEXT,
    operator_address TEXT,
    content TEXT NOT NULL,
    assigned_to BIGINT REFERENCES auth_user (id),
    due_date TEXT NOT NULL,
    status TEXT NOT NULL,
    reply TEXT,
    closed_by BIGINT REFERENCES auth_user (id),
    closed_at TEXT,
    recorded_by BIGINT REFERENCES auth_user (id),
    CONSTRAINT ck_inst_complaint_channel CHECK (channel IN ('phone', 'web', 'letter')),
    CONSTRAINT ck_inst_complaint_status CHECK (status IN ('received', 'assigned', 'closed')),
    CONSTRAINT ck_inst_complaint_target CHECK (institution_id IS NOT NULL OR operator_address IS NOT NULL)
);
CREATE INDEX ix_inst_complaint_path ON inst_complaint (org_path, status, due_date);
CREATE INDEX ix_inst_complaint_assignee ON inst_complaint (assigned_to, status);

-- 检查案件 An inspection case and its state (R6.5); inst_case_event is its history, one row per
-- transition, never updated.
CREATE TABLE inst_case (
    id {{pk}},
    institution_id BIGINT NOT NULL REFERENCES inst_institution (id),
    org_path TEXT NOT NULL,
    complaint_id BIGINT REFERENCES inst_complaint (id),
    state TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    inspector_id BIGINT REFERENCES auth_user (id),
    decision_kind TEXT,
    decision_authority TEXT,
    decision_basis TEXT,
    decision_on TEXT,
    rectify_by TEXT,
    penalty_kind TEXT,
    fine_fen BIGINT,
    opened_by BIGINT REFERENCES auth_user (id),
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX ix_inst_case_institution ON inst_case (institution_id, state);
CREATE INDEX ix_inst_case_path ON inst_case (org_path, state);

CREATE TABLE inst_case_event (
    id {{pk}},
    case_id BIGINT NOT NULL REFERENCES inst_case (id),
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    event TEXT NOT NULL,
    actor_id BIGINT REFERENCES auth_user (id),
    actor_role TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    -- A re-inspection's outcome (R6.5: closing rests on a passed one with evidence); NULL otherwise.
    passed BOOLEAN
);
CREATE INDEX ix_inst_case_event_case ON inst_case_event (case_id, id);

-- 证据 Uploaded evidence (photos, PDF), stored once by content hash and linked to a case event.
CREATE TABLE inst_blob (
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content {{blob}} NOT NULL
);

CREATE TABLE inst_evidence (
    id {{pk}},
    case_id BIGINT NOT NULL REFERENCES inst_case (id),
    event_id BIGINT REFERENCES inst_case_event (id),
    sha256 TEXT NOT NULL REFERENCES inst_blob (sha256),
    file_name TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES auth_user (id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX ix_inst_evidence_case ON inst_evidence (case_id);

-- 预收费 A family's prepaid order (R1.15) and its escrow ledger (R6.1, R6.2 一课一消): append-only;
-- the balance is always Σ of the entries, never a stored number alone. The payer's mobile is personal
-- data: sealed, masked for display, and a keyed hash counts distinct families for a risk alert.
-- ledger_lines counts the order's ledger lines: every append advances it with a conditional UPDATE
-- (WHERE ledger_lines = the count the check was made against), so two concurrent appends cannot both
-- pass the check; status is a filterable summary of the folded ledger, written in the same UPDATE.
CREATE TABLE inst_order (
    id {{pk}},
    institution_id BIGINT NOT NULL REFERENCES inst_institution (id),
    org_path TEXT NOT NULL,
    contract_no TEXT NOT NULL,
    payer_name TEXT NOT NULL,
    payer_mobile_masked TEXT NOT NULL,
    payer_mobile_sealed {{blob}} NOT NULL,
    payer_mobile_hash TEXT NOT NULL,
    course_title TEXT NOT NULL,
    class_hours INTEGER NOT NULL,
    unit_price_fen BIGINT NOT NULL,
    amount_fen BIGINT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    escrow_mode TEXT NOT NULL,
    status TEXT NOT NULL,
    ledger_lines INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    CONSTRAINT ck_inst_order_mode CHECK (escrow_mode IN ('bank_escrow', 'risk_deposit')),
    CONSTRAINT uq_inst_order_contract UNIQUE (contract_no),
    CONSTRAINT ck_inst_order_amount CHECK (amount_fen = class_hours * unit_price_fen AND class_hours > 0),
    CONSTRAINT ck_inst_order_status CHECK (status IN ('escrowed', 'refund_requested', 'refunded', 'completed')),
    CONSTRAINT ck_inst_order_lines CHECK (ledger_lines >= 0)
);
CREATE INDEX ix_inst_order_institution ON inst_order (institution_id, status);
CREATE INDEX ix_inst_order_path ON inst_order (org_path);

-- seq numbers an order's lines 1, 2, 3, … without gaps; a consumption's id is the seq of its request.
CREATE TABLE inst_escrow_entry (
    id {{pk}},
    order_id BIGINT NOT NULL REFERENCES inst_order (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    consumption_id BIGINT NOT NULL DEFAULT 0,
    hours INTEGER NOT NULL,
    amount_fen BIGINT NOT NULL,
    at TEXT NOT NULL,
    on_date TEXT NOT NULL,
    actor_id BIGINT REFERENCES auth_user (id),
    note TEXT NOT NULL,
    CONSTRAINT uq_inst_escrow_seq UNIQUE (order_id, seq),
    CONSTRAINT ck_inst_escrow_kind CHECK (kind IN ('deposit', 'consumption_requested', 'consumption_confirmed',
        'consumption_disputed', 'consumption_auto_confirmed', 'consumption_cancelled', 'released',
        'refund_requested', 'refund_approved', 'refund_auto_approved', 'refund_rejected', 'refunded'))
);

-- 风险预警 An alert raised by the escrow rules (a closing institution with money held), with the
-- families affected counted; resolved by the county with a note.
CREATE TABLE inst_alert (
    id {{pk}},
    institution_id BIGINT NOT NULL REFERENCES inst_institution (id),
    org_path TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    families INTEGER NOT NULL,
    orders INTEGER NOT NULL,
    amount_fen BIGINT NOT NULL,
    raised_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by BIGINT REFERENCES auth_user (id),
    resolution TEXT
);
CREATE INDEX ix_inst_alert_path ON inst_alert (org_path, resolved_at);
CREATE INDEX ix_inst_alert_institution ON inst_alert (institution_id, kind, resolved_at);

-- 压减基数 The frozen pre-双减 baseline (R6.3): exact counts per county, category and delivery as the
-- county recorded them (July 2021). Written once per county, never updated.
CREATE TABLE inst_baseline (
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    category TEXT NOT NULL,
    delivery TEXT NOT NULL,
    institutions INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    frozen_by BIGINT REFERENCES auth_user (id),
    frozen_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, category, delivery),
    CONSTRAINT ck_inst_baseline_count CHECK (institutions >= 0)
);
