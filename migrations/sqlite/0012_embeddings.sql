-- Each idea's sentence embedding, for suggestions that understand meaning.
-- An idea without a vector of the current model is waiting to be embedded:
-- that is the queue, so nothing is added to it in a resident's request and
-- a switch of model re-embeds everything by itself. A change of the text
-- deletes the vector. Attempts lease an idea to one app server and hold it
-- back after a failure.
-- Keep in step with ../postgres/0012_embeddings.sql.

CREATE TABLE idea_vectors (
    idea_id     INTEGER PRIMARY KEY REFERENCES ideas (id),
    model       TEXT NOT NULL,
    -- Little-endian 32-bit floats.
    vector      BLOB NOT NULL,
    embedded_at TEXT NOT NULL
);

CREATE TABLE embedding_attempts (
    idea_id         INTEGER PRIMARY KEY REFERENCES ideas (id),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT
);
