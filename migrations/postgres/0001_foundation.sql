-- The foundation: a municipality's challenges, their rounds and questions,
-- neighbourhoods, pseudonymous participants and their ideas.
-- Keep in step with ../sqlite/0001_foundation.sql.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE neighbourhoods (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL
);

CREATE TABLE challenges (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    horizon_year BIGINT,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE spearheads (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id BIGINT NOT NULL REFERENCES challenges (id),
    position     BIGINT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    UNIQUE (challenge_id, position)
);

CREATE TABLE rounds (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id BIGINT NOT NULL REFERENCES challenges (id),
    number       BIGINT NOT NULL,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    introduction TEXT NOT NULL,
    phase        TEXT NOT NULL
        CHECK (phase IN ('draft', 'collecting', 'funnelling', 'feedback', 'closed')),
    opens_at     TIMESTAMPTZ,
    closes_at    TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (challenge_id, number)
);

CREATE TABLE questions (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES rounds (id),
    position BIGINT NOT NULL,
    text     TEXT NOT NULL,
    UNIQUE (round_id, position)
);

-- A participant is known only by the hash of their receipt code.
CREATE TABLE participants (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash  TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE ideas (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id          BIGINT NOT NULL REFERENCES rounds (id),
    question_id       BIGINT NOT NULL REFERENCES questions (id),
    participant_id    BIGINT NOT NULL REFERENCES participants (id),
    text              TEXT NOT NULL,
    text_fingerprint  TEXT NOT NULL,
    life_domain       TEXT
        CHECK (life_domain IN ('home', 'school', 'leisure', 'neighbourhood')),
    neighbourhood_id  BIGINT REFERENCES neighbourhoods (id),
    lived_experience  BOOLEAN NOT NULL,
    contributor_group TEXT NOT NULL DEFAULT 'resident'
        CHECK (contributor_group IN ('resident', 'experience_expert', 'young_person')),
    submission_hash   TEXT NOT NULL UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL,
    -- One participant sending the same text twice to a round saves it once.
    UNIQUE (round_id, participant_id, text_fingerprint)
);

CREATE INDEX ideas_by_round_newest ON ideas (round_id, created_at DESC, id DESC);
CREATE INDEX ideas_by_participant ON ideas (participant_id);
