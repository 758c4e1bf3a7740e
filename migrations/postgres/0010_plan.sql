-- The condensed plan of a round, residents' reactions to it, the final
-- plan with what was done with the feedback, and progress over the years.
-- Rules are in domain::plan. Keep in step with ../sqlite/0010_plan.sql.

-- One plan per round. It goes out for feedback once every co-moderator
-- signed or objected, and becomes final when staff publish it.
CREATE TABLE plans (
    round_id     BIGINT PRIMARY KEY REFERENCES rounds (id),
    introduction TEXT NOT NULL DEFAULT '',
    version      BIGINT NOT NULL DEFAULT 1,
    created_by   BIGINT NOT NULL REFERENCES accounts (id),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ,
    published_at TIMESTAMPTZ
);

CREATE TABLE plan_items (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id      BIGINT NOT NULL REFERENCES plans (round_id),
    position      BIGINT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    life_domain   TEXT
        CHECK (life_domain IN ('home', 'school', 'leisure', 'neighbourhood')),
    policy_domain TEXT
        CHECK (policy_domain IN ('work_income', 'housing', 'care', 'upbringing', 'safety',
                                 'health', 'physical_environment')),
    spearhead_id  BIGINT REFERENCES spearheads (id),
    -- Children's-rights check: expected effect and a note (the rights it
    -- touches are in plan_item_rights).
    child_effect  TEXT
        CHECK (child_effect IN ('positive', 'mixed', 'negative', 'unknown')),
    child_note    TEXT NOT NULL DEFAULT '',
    -- After feedback: the final text beside the draft, and what was done.
    final_title       TEXT,
    final_description TEXT,
    outcome       TEXT CHECK (outcome IN ('changed', 'kept', 'dropped')),
    outcome_note  TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    removed_at    TIMESTAMPTZ
);
CREATE INDEX plan_items_by_round ON plan_items (round_id, position) WHERE removed_at IS NULL;

-- Where an item comes from, and so which ideas it traces back to.
CREATE TABLE plan_item_clusters (
    item_id    BIGINT NOT NULL REFERENCES plan_items (id),
    cluster_id BIGINT NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (item_id, cluster_id)
);
CREATE INDEX plan_item_clusters_by_cluster ON plan_item_clusters (cluster_id);

CREATE TABLE plan_item_rights (
    item_id BIGINT NOT NULL REFERENCES plan_items (id),
    child_right TEXT NOT NULL CHECK (child_right IN (
        'non_discrimination', 'best_interests', 'being_heard', 'protection',
        'health', 'standard_of_living', 'education', 'play_and_leisure')),
    PRIMARY KEY (item_id, child_right)
);

-- The partner organisations responsible for an item.
CREATE TABLE plan_item_partners (
    item_id         BIGINT NOT NULL REFERENCES plan_items (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (item_id, organisation_id)
);

-- Why a cluster is in no plan item: public, so its ideas' authors read it.
CREATE TABLE clusters_left_out (
    cluster_id BIGINT PRIMARY KEY REFERENCES clusters (id),
    reason     TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES accounts (id),
    written_at TIMESTAMPTZ NOT NULL
);

-- A co-moderator's signature under the plan, or their objection (shown).
CREATE TABLE plan_signatures (
    round_id   BIGINT NOT NULL REFERENCES plans (round_id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    objection  TEXT,
    signed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_id, account_id)
);

-- One reaction per participant per item, changeable while feedback runs.
CREATE TABLE reactions (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id        BIGINT NOT NULL REFERENCES plan_items (id),
    participant_id BIGINT NOT NULL REFERENCES participants (id),
    reaction_group TEXT NOT NULL CHECK (reaction_group IN (
        'resident', 'young_person', 'professional', 'experience_expert')),
    stance         TEXT NOT NULL CHECK (stance IN ('agree', 'partly', 'disagree')),
    why            TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (item_id, participant_id)
);

-- Progress of a final plan's items, dated; append-only, so the timeline
-- shows what was said when.
CREATE TABLE progress_updates (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id    BIGINT NOT NULL REFERENCES plan_items (id),
    status     TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'stopped')),
    note       TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES accounts (id),
    written_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX progress_updates_by_item ON progress_updates (item_id, id DESC);
CREATE FUNCTION progress_updates_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'progress_updates is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER progress_updates_append_only BEFORE UPDATE OR DELETE ON progress_updates
FOR EACH ROW EXECUTE FUNCTION progress_updates_append_only();
