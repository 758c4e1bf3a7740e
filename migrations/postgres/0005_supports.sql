-- "Ik ook": one support per participant per idea. The primary key makes
-- that exact however many arrive at once. Keep in step with
-- ../sqlite/0005_supports.sql.

CREATE TABLE supports (
    idea_id        BIGINT NOT NULL REFERENCES ideas (id),
    participant_id BIGINT NOT NULL REFERENCES participants (id),
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (idea_id, participant_id)
);
CREATE INDEX supports_by_participant ON supports (participant_id);
