-- The foundation: a municipality's challenges, their rounds and questions,
-- neighbourhoods, pseudonymous participants and their ideas.
-- Keep in step with ../postgres/0001_foundation.sql.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE neighbourhoods (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE challenges (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    horizon_year INTEGER,
    created_at   TEXT NOT NULL
);

CREATE TABLE spearheads (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges (id),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    UNIQUE (challenge_id, position)
);

CREATE TABLE rounds (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges (id),
    number       INTEGER NOT NULL,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    introduction TEXT NOT NULL,
    phase        TEXT NOT NULL
        CHECK (phase IN ('draft', 'collecting', 'funnelling', 'feedback', 'closed')),
    opens_at     TEXT,
    closes_at    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (challenge_id, number)
);

CREATE TABLE questions (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    UNIQUE (round_id, position)
);

-- A participant is known only by the hash of their receipt code.
CREATE TABLE participants (
    id         INTEGER PRIMARY KEY,
    code_hash  TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE ideas (
    id                INTEGER PRIMARY KEY,
    round_id          INTEGER NOT NULL REFERENCES rounds (id),
    question_id       INTEGER NOT NULL REFERENCES questions (id),
    participant_id    INTEGER NOT NULL REFERENCES participants (id),
    text              TEXT NOT NULL,
    text_fingerprint  TEXT NOT NULL,
    life_domain       TEXT
        CHECK (life_domain IN ('home', 'school', 'leisure', 'neighbourhood')),
    neighbourhood_id  INTEGER REFERENCES neighbourhoods (id),
    lived_experience  BOOLEAN NOT NULL,
    contributor_group TEXT NOT NULL DEFAULT 'resident'
        CHECK (contributor_group IN ('resident', 'experience_expert', 'young_person')),
    submission_hash   TEXT NOT NULL UNIQUE,
    created_at        TEXT NOT NULL,
    -- One participant sending the same text twice to a round saves it once.
    UNIQUE (round_id, participant_id, text_fingerprint)
);

CREATE INDEX ideas_by_round_newest ON ideas (round_id, created_at DESC, id DESC);
CREATE INDEX ideas_by_participant ON ideas (participant_id);
