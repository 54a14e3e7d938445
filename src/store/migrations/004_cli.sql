-- Schema version 4: the lead whose attention was asked (their login; empty
-- when none is, or for asks from before this version, which any lead sees).
ALTER TABLE tickets ADD COLUMN lead TEXT NOT NULL DEFAULT '';
CREATE INDEX tickets_by_lead ON tickets(lead) WHERE lead_attention = 1;
