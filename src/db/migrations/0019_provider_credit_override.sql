-- 信用代码核实说明 RULES R3.5: some early pilot credit codes fail the GB 32100 checksum yet are legitimate
-- (91350100M0001TGQXM). A provider's application may carry the reason its code was accepted — checked in
-- 国家企业信用信息公示系统 — which the county's reviewer sees as a warning. Kept only when it overrode a checksum
-- failure; who entered it and when are the record's applied_by and applied_at (a record's application is never
-- edited: applying again makes a new record).
ALTER TABLE pv_record ADD COLUMN credit_override_reason TEXT;
