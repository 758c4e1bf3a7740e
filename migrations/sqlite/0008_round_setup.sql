-- Staff set up challenges and rounds in the product. A round says on its
-- own whether children's dreams wait for a moderator (the default: a child
-- may write more than they should) apart from whether ideas do.
-- Keep in step with ../postgres/0008_round_setup.sql.

ALTER TABLE rounds ADD COLUMN dreams_premoderated BOOLEAN NOT NULL DEFAULT TRUE;
